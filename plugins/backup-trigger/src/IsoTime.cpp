#include "IsoTime.hpp"

#include <ctime>
#include <iomanip>
#include <sstream>

namespace ocomms::backup {

std::string isoUtc(std::chrono::system_clock::time_point moment) {
    const std::int64_t ms = epochMs(moment);
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::ostringstream out;
    out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%S") << '.' << std::setw(3) << std::setfill('0') << ms % 1000 << 'Z';
    return out.str();
}

}  // namespace ocomms::backup
