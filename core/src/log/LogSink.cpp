#include "log/LogSink.hpp"

#include <chrono>
#include <ctime>
#include <ostream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace ocomms::log {
namespace {

std::string_view levelName(LogLevel level) {
    switch (level) {
        case LogLevel::Debug: return "debug";
        case LogLevel::Info: return "info";
        case LogLevel::Warn: return "warn";
        case LogLevel::Error: return "error";
    }
    return "info";
}

std::string utcTimestamp() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::time_t seconds = system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    char full[40];
    std::snprintf(full, sizeof full, "%.*s.%03dZ", static_cast<int>(n), buffer, static_cast<int>(millis));
    return full;
}

}  // namespace

LogSink::LogSink(LogLevel minimum, Format format, std::ostream& out) : minimum_(minimum), format_(format), out_(out) {}

void LogSink::write(LogLevel level, std::string_view component, std::string_view message) {
    std::string line;
    if (format_ == Format::Json) {
        nlohmann::json entry = {{"time", utcTimestamp()},
                                {"level", levelName(level)},
                                {"component", component},
                                {"message", message}};
        line = entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        std::string name(levelName(level));
        for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        name.resize(5, ' ');
        line = utcTimestamp() + " " + name + " [" + std::string(component) + "] " + std::string(message);
    }
    line += '\n';
    std::lock_guard lock(mutex_);
    out_ << line << std::flush;
}

LogLevel parseLogLevel(std::string_view name) {
    if (name == "debug") return LogLevel::Debug;
    if (name == "info") return LogLevel::Info;
    if (name == "warn") return LogLevel::Warn;
    if (name == "error") return LogLevel::Error;
    throw std::invalid_argument("unknown log level '" + std::string(name) + "' (expected debug, info, warn or error)");
}

}  // namespace ocomms::log
