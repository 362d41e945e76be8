#include "RunStore.hpp"

#include <stdexcept>

#include "IsoTime.hpp"

namespace ocomms::backup {
namespace {

// Taken by every claim on PostgreSQL; any constant works as long as every node uses it: "OCBkup" in ASCII.
constexpr long long kClaimLockKey = 0x4F43426B7570;

constexpr const char* kRunColumns =
    "id, status, trigger_kind, scheduled_for, requested_by, node, started_at, started_ms, heartbeat_ms,"
    " finished_at, file_name, size_bytes, sha256, verified, error, removed_at";

/// One row of kRunColumns, read with SOCI's into().
struct RunColumns {
    long long id = 0, scheduledFor = 0, requestedBy = 0, startedMs = 0, heartbeatMs = 0, sizeBytes = 0;
    std::string status, trigger, node, startedAt, finishedAt, fileName, sha256, error, removedAt;
    int verified = 0;
    soci::indicator scheduledForIs = soci::i_null, requestedByIs = soci::i_null, finishedAtIs = soci::i_null,
                    fileNameIs = soci::i_null, sizeBytesIs = soci::i_null, sha256Is = soci::i_null,
                    errorIs = soci::i_null, removedAtIs = soci::i_null;

    template <typename Query>
    void bind(Query& query) {
        query, soci::into(id), soci::into(status), soci::into(trigger), soci::into(scheduledFor, scheduledForIs),
            soci::into(requestedBy, requestedByIs), soci::into(node), soci::into(startedAt), soci::into(startedMs),
            soci::into(heartbeatMs), soci::into(finishedAt, finishedAtIs), soci::into(fileName, fileNameIs),
            soci::into(sizeBytes, sizeBytesIs), soci::into(sha256, sha256Is), soci::into(verified),
            soci::into(error, errorIs), soci::into(removedAt, removedAtIs);
    }

    template <typename T>
    static std::optional<T> present(const T& value, soci::indicator indicator) {
        return indicator == soci::i_ok ? std::optional<T>(value) : std::nullopt;
    }

    BackupRun toRun() const {
        BackupRun run;
        run.id = id;
        const auto parsedStatus = parseRunStatus(status);
        const auto parsedTrigger = parseTrigger(trigger);
        if (!parsedStatus || !parsedTrigger)
            throw std::runtime_error("backup_runs row " + std::to_string(id) + " holds an unknown status or trigger");
        run.status = *parsedStatus;
        run.trigger = *parsedTrigger;
        run.scheduledForMs = present<std::int64_t>(scheduledFor, scheduledForIs);
        run.requestedBy = present<std::int64_t>(requestedBy, requestedByIs);
        run.node = node;
        run.startedAt = startedAt;
        run.startedMs = startedMs;
        run.heartbeatMs = heartbeatMs;
        run.finishedAt = present(finishedAt, finishedAtIs);
        run.fileName = present(fileName, fileNameIs);
        run.sizeBytes = present<std::int64_t>(sizeBytes, sizeBytesIs);
        run.sha256 = present(sha256, sha256Is);
        run.verified = verified != 0;
        run.error = present(error, errorIs);
        run.removedAt = present(removedAt, removedAtIs);
        return run;
    }
};

template <typename... Values>
std::vector<BackupRun> selectRuns(soci::session& session, const std::string& condition, const Values&... values) {
    RunColumns row;
    auto query = (session.prepare << std::string("SELECT ") + kRunColumns + " FROM backup_runs " + condition);
    row.bind(query);
    if constexpr (sizeof...(Values) > 0) (query, ..., soci::use(values));
    soci::statement statement = query;
    statement.execute();
    std::vector<BackupRun> runs;
    while (statement.fetch()) runs.push_back(row.toRun());
    return runs;
}

std::optional<BackupRun> firstOf(std::vector<BackupRun> runs) {
    if (runs.empty()) return std::nullopt;
    return std::move(runs.front());
}

std::optional<BackupRun> runningRun(soci::session& session) {
    return firstOf(selectRuns(session, "WHERE status = 'running'"));
}

std::optional<Clock::time_point> lastScheduledSlot(soci::session& session) {
    long long slot = 0;
    soci::indicator slotIs = soci::i_null;
    session << "SELECT max(scheduled_for) FROM backup_runs", soci::into(slot, slotIs);
    if (slotIs != soci::i_ok) return std::nullopt;
    return fromEpochMs(slot);
}

void abandon(soci::session& session, BackupRun& run, Clock::time_point now) {
    const std::string why = "abandoned: node " + run.node + " stopped reporting progress (last at " +
                            isoUtc(fromEpochMs(run.heartbeatMs)) + ")";
    const std::string finishedAt = isoUtc(now);
    const long long id = run.id;
    session << "UPDATE backup_runs SET status = 'failed', finished_at = :finished, error = :error"
               " WHERE id = :id AND status = 'running'",
        soci::use(finishedAt), soci::use(why), soci::use(id);
    run.status = RunStatus::Failed;
    run.finishedAt = finishedAt;
    run.error = why;
}

}  // namespace

ClaimOutcome RunStore::claimManual(const std::string& node, std::int64_t requestedBy, Clock::time_point now) {
    return claim(Trigger::Manual, node, requestedBy, nullptr, now);
}

ClaimOutcome RunStore::claimScheduled(const std::string& node, const ScheduleRule& rule, Clock::time_point now) {
    return claim(Trigger::Schedule, node, std::nullopt, &rule, now);
}

ClaimOutcome RunStore::claim(Trigger trigger, const std::string& node, std::optional<std::int64_t> requestedBy,
                             const ScheduleRule* rule, Clock::time_point now) {
    try {
        return database_.writeTransaction([&](soci::session& session) -> ClaimOutcome {
            if (database_.dialect() == Dialect::Postgres)
                session << "SELECT pg_advisory_xact_lock(:key)", soci::use(kClaimLockKey);
            std::vector<BackupRun> abandoned;
            if (auto running = runningRun(session)) {
                if (now - fromEpochMs(running->heartbeatMs) <= deadAfter_) return Busy{*running};
                abandon(session, *running, now);
                abandoned.push_back(*running);
            }
            BackupRun run;
            run.trigger = trigger;
            run.requestedBy = requestedBy;
            run.node = node;
            run.startedMs = epochMs(now);
            run.startedAt = isoUtc(now);
            run.heartbeatMs = run.startedMs;
            if (rule != nullptr) {
                const auto last = lastScheduledSlot(session);
                const auto slot = dueSlot(*rule, last, now);
                if (!slot) return NotDue{nextSlot(*rule, last, now)};
                run.scheduledForMs = epochMs(*slot);
            }
            const std::string triggerName = toString(trigger);
            const long long scheduledFor = run.scheduledForMs.value_or(0), requester = requestedBy.value_or(0);
            const long long startedMs = run.startedMs, heartbeatMs = run.heartbeatMs;
            soci::indicator scheduledForIs = run.scheduledForMs ? soci::i_ok : soci::i_null;
            soci::indicator requesterIs = requestedBy ? soci::i_ok : soci::i_null;
            long long id = 0;
            session << "INSERT INTO backup_runs (status, trigger_kind, scheduled_for, requested_by, node, started_at,"
                       " started_ms, heartbeat_ms) VALUES ('running', :trigger, :scheduled_for, :requested_by, :node,"
                       " :started_at, :started_ms, :heartbeat_ms) RETURNING id",
                soci::use(triggerName), soci::use(scheduledFor, scheduledForIs), soci::use(requester, requesterIs),
                soci::use(run.node), soci::use(run.startedAt), soci::use(startedMs), soci::use(heartbeatMs),
                soci::into(id);
            run.id = id;
            return Claimed{run, abandoned};
        });
    } catch (const soci::soci_error&) {
        // Only a node that skipped the lock could make the unique index refuse the insert; it still runs.
        const auto running = firstOf(selectRuns(*database_.session(), "WHERE status = 'running'"));
        if (running) return Busy{*running};
        throw;
    }
}

Clock::time_point RunStore::nextScheduledSlot(const ScheduleRule& rule, Clock::time_point now) {
    return nextSlot(rule, lastScheduledSlot(*database_.session()), now);
}

bool RunStore::heartbeat(std::int64_t id, Clock::time_point now) {
    const long long key = id, at = epochMs(now);
    PooledSession session = database_.session();
    soci::statement update = (session->prepare << "UPDATE backup_runs SET heartbeat_ms = :at"
                                                  " WHERE id = :id AND status = 'running'",
                              soci::use(at), soci::use(key));
    update.execute(true);
    return update.get_affected_rows() > 0;
}

void RunStore::finish(std::int64_t id, const RunResult& result, Clock::time_point now) {
    const long long key = id, size = result.sizeBytes.value_or(0);
    const int verified = result.verified ? 1 : 0;
    const std::string status = toString(result.status), finishedAt = isoUtc(now);
    const std::string fileName = result.fileName.value_or(""), sha256 = result.sha256.value_or(""),
                      error = result.error.value_or("");
    soci::indicator fileNameIs = result.fileName ? soci::i_ok : soci::i_null,
                    sizeIs = result.sizeBytes ? soci::i_ok : soci::i_null,
                    sha256Is = result.sha256 ? soci::i_ok : soci::i_null,
                    errorIs = result.error ? soci::i_ok : soci::i_null;
    *database_.session() << "UPDATE backup_runs SET status = :status, finished_at = :finished, file_name = :file,"
                            " size_bytes = :size, sha256 = :sha256, verified = :verified, error = :error"
                            " WHERE id = :id",
        soci::use(status), soci::use(finishedAt), soci::use(fileName, fileNameIs), soci::use(size, sizeIs),
        soci::use(sha256, sha256Is), soci::use(verified), soci::use(error, errorIs), soci::use(key);
}

void RunStore::recordVerification(std::int64_t id, bool verified, const std::optional<std::string>& error) {
    const long long key = id;
    const int flag = verified ? 1 : 0;
    const std::string text = error.value_or("");
    soci::indicator errorIs = error ? soci::i_ok : soci::i_null;
    *database_.session() << "UPDATE backup_runs SET verified = :verified, error = :error WHERE id = :id",
        soci::use(flag), soci::use(text, errorIs), soci::use(key);
}

void RunStore::markRemoved(const std::string& fileName, Clock::time_point now) {
    const std::string removedAt = isoUtc(now);
    *database_.session()
        << "UPDATE backup_runs SET removed_at = :removed WHERE file_name = :file AND removed_at IS NULL",
        soci::use(removedAt), soci::use(fileName);
}

std::vector<BackupRun> RunStore::list(int limit) {
    return selectRuns(*database_.session(), "ORDER BY id DESC LIMIT :limit", limit);
}

std::optional<BackupRun> RunStore::find(std::int64_t id) {
    const long long key = id;
    return firstOf(selectRuns(*database_.session(), "WHERE id = :id", key));
}

std::optional<BackupRun> RunStore::newestFinished() {
    return firstOf(selectRuns(*database_.session(), "WHERE status <> 'running' ORDER BY id DESC LIMIT 1"));
}

std::optional<BackupRun> RunStore::newestGood() {
    return firstOf(selectRuns(*database_.session(), "WHERE status = 'ok' AND verified = 1 ORDER BY id DESC LIMIT 1"));
}

}  // namespace ocomms::backup
