// Lengths of time in configuration: "250ms", "30s", "5m", "2h", "7d", or a bare number of seconds.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace ocomms::config {

/// nullopt when `text` is not a duration.
std::optional<std::chrono::milliseconds> parseDuration(const std::string& text);

/// The shortest exact spelling: 90000ms -> "90s", 3600000ms -> "1h".
std::string formatDuration(std::chrono::milliseconds duration);

}  // namespace ocomms::config
