#include "identity/Timestamps.hpp"

#include <cstdio>
#include <ctime>

namespace ocomms::identity {

std::string isoUtc(Clock::time_point moment) {
    const auto millisSinceEpoch =
        std::chrono::duration_cast<std::chrono::milliseconds>(moment.time_since_epoch()).count();
    const std::time_t seconds = Clock::to_time_t(Clock::time_point(std::chrono::seconds(millisSinceEpoch / 1000)));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[80];  // room for any int year, which the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millisSinceEpoch % 1000));
    return text;
}

long long epochSeconds(Clock::time_point moment) {
    return std::chrono::duration_cast<std::chrono::seconds>(moment.time_since_epoch()).count();
}

Clock::time_point fromEpochSeconds(long long seconds) { return Clock::time_point(std::chrono::seconds(seconds)); }

}  // namespace ocomms::identity
