#include "Schedule.hpp"

namespace ocomms::backup {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kDay = std::chrono::hours(24);

milliseconds sinceEpoch(Clock::time_point t) { return std::chrono::duration_cast<milliseconds>(t.time_since_epoch()); }

Clock::time_point atEpoch(milliseconds ms) { return Clock::time_point(ms); }

/// The first instant at `at` after midnight (UTC) of some day that is not before `t`.
Clock::time_point firstTimeOfDayFrom(Clock::time_point t, std::chrono::minutes at) {
    const milliseconds ms = sinceEpoch(t);
    const milliseconds midnight = ms - ((ms % kDay) + kDay) % kDay;
    milliseconds candidate = midnight + at;
    if (candidate < ms) candidate += kDay;
    return atEpoch(candidate);
}

/// The newest instant at `at` (UTC) not after `t`.
Clock::time_point lastTimeOfDayUpTo(Clock::time_point t, std::chrono::minutes at) {
    const Clock::time_point next = firstTimeOfDayFrom(t, at);
    return next == t ? next : next - kDay;
}

}  // namespace

Clock::time_point nextSlot(const ScheduleRule& rule, std::optional<Clock::time_point> lastSlot, Clock::time_point now) {
    if (!rule.at) return lastSlot ? *lastSlot + rule.every : now;
    if (!lastSlot) return firstTimeOfDayFrom(now, *rule.at);
    return firstTimeOfDayFrom(*lastSlot + rule.every - kDay / 2, *rule.at);
}

std::optional<Clock::time_point> dueSlot(const ScheduleRule& rule, std::optional<Clock::time_point> lastSlot,
                                         Clock::time_point now) {
    const Clock::time_point next = nextSlot(rule, lastSlot, now);
    if (next > now) return std::nullopt;
    if (rule.at) return lastTimeOfDayUpTo(now, *rule.at);
    if (!lastSlot) return now;
    const auto missed = (now - *lastSlot) / rule.every;  // whole periods since the last slot
    return *lastSlot + missed * rule.every;
}

}  // namespace ocomms::backup
