// backup_runs: which backup runs, across every node that shares the database.
//
// Claiming a run is one write transaction that first takes a lock every node takes (PostgreSQL: a
// transaction-level advisory lock; SQLite: BEGIN IMMEDIATE), then looks at what runs and what the
// schedule wants, then inserts. The partial unique index on the running state backs this up: whatever
// happens, the database holds at most one running row. A running row whose node stopped updating its
// heartbeat for `deadAfter` belongs to a node that died; the next claim records it as failed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <ocomms/database.hpp>

#include "BackupRun.hpp"
#include "BackupSettings.hpp"
#include "Schedule.hpp"

namespace ocomms::backup {

struct Claimed {
    BackupRun run;
    std::vector<BackupRun> abandoned;  ///< dead runs this claim recorded as failed
};
struct Busy {
    BackupRun running;
};
struct NotDue {
    Clock::time_point next;
};
using ClaimOutcome = std::variant<Claimed, Busy, NotDue>;

class RunStore {
public:
    RunStore(Database& database, std::chrono::milliseconds deadAfter) : database_(database), deadAfter_(deadAfter) {}

    /// A backup on request of `requestedBy`: Claimed or Busy.
    ClaimOutcome claimManual(const std::string& node, std::int64_t requestedBy, Clock::time_point now);
    /// The scheduled backup due at `now`, unless another node took its slot: Claimed, Busy or NotDue.
    ClaimOutcome claimScheduled(const std::string& node, const ScheduleRule& rule, Clock::time_point now);
    /// When the schedule's next slot falls.
    Clock::time_point nextScheduledSlot(const ScheduleRule& rule, Clock::time_point now);

    /// Records that the run still makes progress; false when it is no longer running (another node
    /// judged it dead).
    bool heartbeat(std::int64_t id, Clock::time_point now);
    void finish(std::int64_t id, const RunResult& result, Clock::time_point now);
    void recordVerification(std::int64_t id, bool verified, const std::optional<std::string>& error);
    /// Notes that retention removed `fileName`.
    void markRemoved(const std::string& fileName, Clock::time_point now);

    /// Newest first.
    std::vector<BackupRun> list(int limit);
    std::optional<BackupRun> find(std::int64_t id);
    std::optional<BackupRun> newestFinished();
    /// The newest run that ended ok and verified.
    std::optional<BackupRun> newestGood();

private:
    ClaimOutcome claim(Trigger trigger, const std::string& node, std::optional<std::int64_t> requestedBy,
                       const ScheduleRule* rule, Clock::time_point now);

    Database& database_;
    std::chrono::milliseconds deadAfter_;
};

}  // namespace ocomms::backup
