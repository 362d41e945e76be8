#include "config/Duration.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>

namespace ocomms::config {

namespace {

struct Unit {
    std::string_view suffix;
    std::int64_t milliseconds;
};

// Largest first, so that formatting finds the shortest spelling.
constexpr std::array<Unit, 5> kUnits{{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

std::optional<std::int64_t> millisecondsPer(std::string_view suffix) {
    if (suffix.empty()) return 1'000;  // a bare number means seconds
    for (const auto& unit : kUnits)
        if (unit.suffix == suffix) return unit.milliseconds;
    return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parseDuration(const std::string& text) {
    std::uint64_t amount = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto [digitsEnd, error] = std::from_chars(begin, end, amount);
    if (error != std::errc{} || digitsEnd == begin) return std::nullopt;

    auto perUnit = millisecondsPer(std::string_view(digitsEnd, static_cast<std::size_t>(end - digitsEnd)));
    if (!perUnit) return std::nullopt;
    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() / *perUnit);
    if (amount > limit) return std::nullopt;
    return std::chrono::milliseconds(static_cast<std::int64_t>(amount) * *perUnit);
}

std::string formatDuration(std::chrono::milliseconds duration) {
    const std::int64_t count = duration.count();
    if (count == 0) return "0s";
    for (const auto& unit : kUnits) {
        if (count % unit.milliseconds == 0)
            return std::to_string(count / unit.milliseconds) + std::string(unit.suffix);
    }
    return std::to_string(count) + "ms";  // not reached: every count is a multiple of 1ms
}

}  // namespace ocomms::config
