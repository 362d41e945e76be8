// Moments as the plugin stores and shows them: ISO-8601 UTC with milliseconds, and epoch milliseconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ocomms::backup {

std::string isoUtc(std::chrono::system_clock::time_point moment);
inline std::string nowIsoUtc() { return isoUtc(std::chrono::system_clock::now()); }

inline std::int64_t epochMs(std::chrono::system_clock::time_point moment) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(moment.time_since_epoch()).count();
}
inline std::chrono::system_clock::time_point fromEpochMs(std::int64_t ms) {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

}  // namespace ocomms::backup
