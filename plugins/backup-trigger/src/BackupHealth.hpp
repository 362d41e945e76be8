// The `backup` health check: warn (never fail, since an instance without a fresh backup still serves)
// when the newest finished backup failed or did not verify, or when, with a schedule, the newest good
// backup is older than twice `every` (no good backup at all counts from when this node started watching).
#pragma once

#include <optional>

#include <ocomms/health.hpp>

#include "BackupRun.hpp"
#include "BackupSettings.hpp"
#include "RunStore.hpp"
#include "Schedule.hpp"

namespace ocomms::backup {

CheckResult assessBackups(const std::optional<BackupRun>& newestFinished, const std::optional<BackupRun>& newestGood,
                          const std::optional<ScheduleRule>& schedule, Clock::time_point watchingSince,
                          Clock::time_point now);

class BackupHealth {
public:
    BackupHealth(RunStore& store, std::optional<ScheduleRule> schedule, Clock::time_point watchingSince)
        : store_(store), schedule_(schedule), watchingSince_(watchingSince) {}

    /// Two small queries, then assessBackups.
    CheckResult check();

private:
    RunStore& store_;
    std::optional<ScheduleRule> schedule_;
    Clock::time_point watchingSince_;
};

}  // namespace ocomms::backup
