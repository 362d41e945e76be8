// The plugin's background thread: it runs the backups this node claimed (on request, or for a schedule
// slot no other node took), renews their heartbeat, and logs when the `backup` check changes.
//
// stop() terminates a backup in progress (pg_dump gets SIGTERM, then SIGKILL after a grace; SQLite's
// VACUUM INTO is interrupted) and records it as failed: a shutdown is bounded by the host's
// shutdown_timeout, while a dump can take hours. Its partial file is removed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <ocomms/logger.hpp>

#include "BackupHealth.hpp"
#include "BackupRunner.hpp"
#include "RunStore.hpp"

namespace ocomms::backup {

struct WorkerTiming {
    std::chrono::milliseconds heartbeat{10'000};      ///< how often a running backup renews its heartbeat
    std::chrono::milliseconds recheck{10'000};        ///< retry after the database failed or a slot was busy
    std::chrono::milliseconds longestSleep{300'000};  ///< wake at least this often (the check's log, new slots)
};

/// Thrown by requestBackup once stop() has begun.
class WorkerStopping : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class BackupWorker {
public:
    BackupWorker(RunStore& store, BackupRunner& runner, BackupHealth& health, std::optional<ScheduleRule> schedule,
                 std::string node, WorkerTiming timing, Logger& logger);
    ~BackupWorker();
    BackupWorker(const BackupWorker&) = delete;
    BackupWorker& operator=(const BackupWorker&) = delete;

    void start();
    void stop();

    /// Claims a backup on request of `userId`; the worker runs it. Claimed or Busy.
    ClaimOutcome requestBackup(std::int64_t userId);

private:
    void loop();
    /// Runs the scheduled backup when its slot is due; returns when to look again.
    Clock::time_point followSchedule();
    void runClaimed(const Claimed& claimed);
    void logHealthChanges();

    RunStore& store_;
    BackupRunner& runner_;
    BackupHealth& health_;
    std::optional<ScheduleRule> schedule_;
    std::string node_;
    WorkerTiming timing_;
    Logger& logger_;
    std::optional<CheckStatus> lastLoggedStatus_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::deque<Claimed> pending_;  ///< claimed on request, not yet started
    std::thread thread_;
};

}  // namespace ocomms::backup
