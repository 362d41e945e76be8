#include "orgdata/ExportTime.hpp"

#include <cstdio>
#include <ctime>

namespace ocomms::orgdata {

ExportTime exportTimeOf(std::chrono::system_clock::time_point moment) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(moment);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char iso[80];  // room for any int year, which the compiler cannot rule out
    char compact[80];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                  utc.tm_hour, utc.tm_min, utc.tm_sec);
    std::snprintf(compact, sizeof compact, "%04d%02d%02dT%02d%02d%02dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return {iso, compact};
}

}  // namespace ocomms::orgdata
