#include "PostgresCopier.hpp"

#include "BackupManifest.hpp"
#include "ChildProcess.hpp"
#include "PgCommands.hpp"
#include "IsoTime.hpp"

namespace ocomms::backup {
namespace {

// Counted inside the dump's snapshot; query_to_xml runs each count without building SQL on this side.
constexpr const char* kRowCounts =
    "SELECT format('%I.%I', table_schema, table_name),"
    " (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),"
    " false, true, '')))[1]::text::bigint"
    " FROM information_schema.tables"
    " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
    " ORDER BY 1";

/// Ends the snapshot's transaction however the backup ends; it only read.
class ReadOnlySnapshot {
public:
    explicit ReadOnlySnapshot(soci::session& session) : session_(session) {
        session_ << "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
        session_ << "SELECT pg_export_snapshot()", soci::into(id_);
    }
    ~ReadOnlySnapshot() {
        try {
            session_ << "ROLLBACK";
        } catch (const std::exception&) {
            // A broken connection ended the transaction with it; the pool checks it before its next lease.
        }
    }
    ReadOnlySnapshot(const ReadOnlySnapshot&) = delete;
    ReadOnlySnapshot& operator=(const ReadOnlySnapshot&) = delete;

    const std::string& id() const { return id_; }

private:
    soci::session& session_;
    std::string id_;
};

BackupManifest manifestOf(soci::session& session, const std::string& database) {
    BackupManifest manifest;
    manifest.database = database;
    manifest.createdAt = nowIsoUtc();
    int hasMigrations = 0;
    session << "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END", soci::into(hasMigrations);
    if (hasMigrations == 1) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT plugin, max(version) FROM schema_migrations GROUP BY plugin ORDER BY plugin");
        for (const auto& row : rows) manifest.schemaVersions.emplace_back(row.get<std::string>(0), row.get<int>(1));
    }
    soci::rowset<soci::row> counts = (session.prepare << kRowCounts);
    for (const auto& row : counts) manifest.rowCounts.emplace_back(row.get<std::string>(0), row.get<long long>(1));
    return manifest;
}

/// Throws BackupError when the tool cannot be started, with what to do about it.
ChildProcess startTool(const ChildCommand& command) {
    try {
        return ChildProcess(command);
    } catch (const std::runtime_error& e) {
        throw BackupError(std::string(e.what()) +
                          " (install the PostgreSQL client tools of the server's major version or newer, or set "
                          "pg_bin_dir)");
    }
}

}  // namespace

PostgresCopier::PostgresCopier(Database& database, std::string binDir)
    : database_(database), location_(database.location()), binDir_(std::move(binDir)) {}

std::optional<std::string> PostgresCopier::write(const std::filesystem::path& target) {
    PooledSession session = database_.session();
    const ReadOnlySnapshot snapshot(*session);
    dump(target, snapshot.id());
    return toText(manifestOf(*session, location_.dbname));
}

void PostgresCopier::dump(const std::filesystem::path& target, const std::string& snapshot) {
    ChildProcess child = startTool(pgDumpCommand(location_, binDir_, target, snapshot));
    {
        const std::lock_guard lock(mutex_);
        running_ = &child;
        if (cancelled_) child.terminate();
    }
    const ChildOutcome outcome = child.wait();
    {
        const std::lock_guard lock(mutex_);
        running_ = nullptr;
    }
    if (outcome.terminated) throw BackupCancelled("pg_dump was stopped because the server is shutting down");
    if (!outcome.succeeded()) throw BackupError("pg_dump " + outcome.describe());
}

void PostgresCopier::check(const std::filesystem::path& file) {
    const ChildOutcome outcome = startTool(pgRestoreListCommand(binDir_, file)).wait();
    if (!outcome.succeeded()) throw BackupError("pg_restore --list " + outcome.describe());
}

void PostgresCopier::cancel() {
    const std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (running_ != nullptr) running_->terminate();
}

}  // namespace ocomms::backup
