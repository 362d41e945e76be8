#include "config/ConfigError.hpp"

namespace ocomms::config {

namespace {

std::string describeAll(const std::vector<ConfigIssue>& issues) {
    if (issues.size() == 1) return issues.front().toString();
    std::string text = std::to_string(issues.size()) + " configuration problems:";
    for (const auto& issue : issues) text += "\n  " + issue.toString();
    return text;
}

}  // namespace

std::string ConfigIssue::toString() const {
    std::string text = location.file;
    if (location.line > 0) {
        text += ":" + std::to_string(location.line);
        if (location.column > 0) text += ":" + std::to_string(location.column);
    }
    if (!text.empty()) text += ": ";
    if (!keyPath.empty()) text += keyPath + ": ";
    return text + message;
}

ConfigErrors::ConfigErrors(std::vector<ConfigIssue> issues)
    : std::runtime_error(describeAll(issues)), issues_(std::move(issues)) {}

}  // namespace ocomms::config
