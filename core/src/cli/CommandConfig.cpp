#include "cli/CommandConfig.hpp"

#include <iostream>

#include "app/Bootstrap.hpp"

namespace ocomms::cli {

std::optional<config::HostConfig> loadCommandConfig(const Invocation& invocation) {
    try {
        return config::loadHostConfig(invocation.options.at("--config"));
    } catch (const config::ConfigErrors& e) {
        app::printIssues(e.issues(), std::cerr);
        return std::nullopt;
    }
}

std::unique_ptr<log::LogSink> quietLogSink(const config::LoggingConfig& logging) {
    auto sink = app::makeLogSink(logging);
    sink->setMinimum(LogLevel::Warn);
    return sink;
}

}  // namespace ocomms::cli
