// How the identity tables store time: ISO-8601 UTC text with milliseconds for moments worth reading, and
// epoch seconds for expiries, which are compared.
#pragma once

#include <chrono>
#include <string>

namespace ocomms::identity {

using Clock = std::chrono::system_clock;

/// "2024-05-01T12:34:56.789Z"
std::string isoUtc(Clock::time_point moment);
long long epochSeconds(Clock::time_point moment);
Clock::time_point fromEpochSeconds(long long seconds);

}  // namespace ocomms::identity
