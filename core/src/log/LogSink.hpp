// Where the host's and the plugins' log lines go: one line per entry on stderr, as text or JSON.
#pragma once

#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>

#include <ocomms/logger.hpp>

namespace ocomms::log {

enum class Format { Text, Json };

/// Thread-safe. Text: "2026-11-28T05:49:51.123Z INFO  [component] message".
/// JSON: {"time":"...","level":"info","component":"...","message":"..."}.
class LogSink {
public:
    LogSink(LogLevel minimum, Format format, std::ostream& out);

    void write(LogLevel level, std::string_view component, std::string_view message);
    bool enabled(LogLevel level) const { return level >= minimum_; }
    void setMinimum(LogLevel level) { minimum_ = level; }
    void setFormat(Format format) { format_ = format; }

private:
    LogLevel minimum_;
    Format format_;
    std::ostream& out_;
    std::mutex mutex_;
};

/// An ocomms::Logger that writes to a sink under one component name ("host", "http", a plugin's name).
class ComponentLogger final : public Logger {
public:
    ComponentLogger(LogSink& sink, std::string component) : sink_(sink), component_(std::move(component)) {}
    void log(LogLevel level, std::string_view message) override {
        if (sink_.enabled(level)) sink_.write(level, component_, message);
    }
    bool enabled(LogLevel level) const override { return sink_.enabled(level); }

private:
    LogSink& sink_;
    std::string component_;
};

/// "debug" | "info" | "warn" | "error"; throws std::invalid_argument otherwise.
LogLevel parseLogLevel(std::string_view name);

}  // namespace ocomms::log
