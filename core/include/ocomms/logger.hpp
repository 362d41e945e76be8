// Logging for plugins. Each plugin's logger prefixes its lines with the plugin's name.
#pragma once

#include <string>
#include <string_view>

namespace ocomms {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

class Logger {
public:
    virtual ~Logger() = default;
    virtual void log(LogLevel level, std::string_view message) = 0;
    virtual bool enabled(LogLevel level) const = 0;

    void debug(std::string_view m) { if (enabled(LogLevel::Debug)) log(LogLevel::Debug, m); }
    void info(std::string_view m) { log(LogLevel::Info, m); }
    void warn(std::string_view m) { log(LogLevel::Warn, m); }
    void error(std::string_view m) { log(LogLevel::Error, m); }
};

}  // namespace ocomms
