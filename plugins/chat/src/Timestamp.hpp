// How chat writes moments: ISO-8601 UTC with milliseconds ("2026-11-28T08:30:00.123Z"), stored as text
// and sent as is.
#pragma once

#include <chrono>
#include <string>

namespace ocomms::chat {

std::string isoUtc(std::chrono::system_clock::time_point moment);
inline std::string nowIsoUtc() { return isoUtc(std::chrono::system_clock::now()); }

}  // namespace ocomms::chat
