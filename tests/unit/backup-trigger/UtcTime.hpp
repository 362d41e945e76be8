// Moments written as UTC text in the backup tests.
#pragma once

#include <chrono>
#include <ctime>
#include <stdexcept>
#include <string>

namespace ocomms::backup::test {

/// "2026-01-28 03:00:00" (UTC) as a time point.
inline std::chrono::system_clock::time_point utc(const std::string& text) {
    std::tm tm{};
    if (strptime(text.c_str(), "%Y-%m-%d %H:%M:%S", &tm) == nullptr) throw std::invalid_argument("bad time " + text);
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace ocomms::backup::test
