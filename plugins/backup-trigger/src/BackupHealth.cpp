#include "BackupHealth.hpp"

#include "IsoTime.hpp"

namespace ocomms::backup {
namespace {

std::string hoursBetween(Clock::time_point from, Clock::time_point to) {
    return std::to_string(std::chrono::duration_cast<std::chrono::hours>(to - from).count()) + "h";
}

}  // namespace

CheckResult assessBackups(const std::optional<BackupRun>& newestFinished, const std::optional<BackupRun>& newestGood,
                          const std::optional<ScheduleRule>& schedule, Clock::time_point watchingSince,
                          Clock::time_point now) {
    if (newestFinished && (newestFinished->status != RunStatus::Ok || !newestFinished->verified)) {
        const std::string what = newestFinished->status == RunStatus::Ok ? "did not verify" : "failed";
        return CheckResult::warn("the last backup (#" + std::to_string(newestFinished->id) + ", started " +
                                 newestFinished->startedAt + ") " + what + ": " +
                                 newestFinished->error.value_or("no reason recorded"));
    }
    if (schedule) {
        const auto limit = 2 * schedule->every;
        if (newestGood && now - fromEpochMs(newestGood->startedMs) > limit) {
            return CheckResult::warn("the newest good backup (#" + std::to_string(newestGood->id) + ", started " +
                                     newestGood->startedAt + ") is " +
                                     hoursBetween(fromEpochMs(newestGood->startedMs), now) +
                                     " old, more than twice `every` (" + describeDuration(schedule->every) + ")");
        }
        if (!newestGood && now - watchingSince > limit) {
            return CheckResult::warn("no good backup yet, " + hoursBetween(watchingSince, now) +
                                     " after this node started, more than twice `every` (" +
                                     describeDuration(schedule->every) + ")");
        }
    }
    if (!newestGood) return CheckResult::ok({{"last_backup", nullptr}});
    return CheckResult::ok({{"last_backup", {{"id", newestGood->id}, {"started_at", newestGood->startedAt}}}});
}

CheckResult BackupHealth::check() {
    return assessBackups(store_.newestFinished(), store_.newestGood(), schedule_, watchingSince_, Clock::now());
}

}  // namespace ocomms::backup
