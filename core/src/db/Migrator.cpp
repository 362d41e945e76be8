#include "db/Migrator.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

#include "db/MigrationSet.hpp"
#include "db/NativeConnection.hpp"
#include "db/OneLine.hpp"

namespace ocomms::db {
namespace {

// Any constant works as long as every OComms host uses the same one: "OComms" in ASCII.
constexpr long long kMigrationLockKey = 0x4F436F6D6D73;

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " plugin TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (plugin, version))";

/// Keeps other hosts from migrating a PostgreSQL database while it lives. SQLite needs none: each migration
/// starts with BEGIN IMMEDIATE, which takes the write lock before anything is read.
class MigrationLock {
public:
    MigrationLock(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {
        if (dialect_ == Dialect::Postgres) {
            executeScript(session_, dialect_, "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")");
        }
    }
    ~MigrationLock() {
        if (dialect_ != Dialect::Postgres) return;
        try {
            executeScript(session_, dialect_, "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")");
        } catch (const std::exception&) {
            // The connection broke; the server released the lock with it.
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

private:
    soci::session& session_;
    Dialect dialect_;
};

struct RecordedMigration {
    int version = 0;
    std::string name;
    std::string checksum;
};

std::vector<RecordedMigration> recordedOf(soci::session& session, const std::string& owner) {
    std::vector<RecordedMigration> rows;
    RecordedMigration row;
    soci::statement select = (session.prepare << "SELECT version, name, checksum FROM schema_migrations"
                                                 " WHERE plugin = :plugin ORDER BY version",
                              soci::into(row.version), soci::into(row.name), soci::into(row.checksum),
                              soci::use(owner));
    select.execute();
    while (select.fetch()) rows.push_back(row);
    return rows;
}

std::optional<std::string> recordedChecksum(soci::session& session, const OwnedMigration& migration) {
    std::string checksum;
    soci::indicator indicator = soci::i_null;
    session << "SELECT checksum FROM schema_migrations WHERE plugin = :plugin AND version = :version",
        soci::into(checksum, indicator), soci::use(migration.owner), soci::use(migration.migration->version);
    if (!session.got_data()) return std::nullopt;
    return checksum;
}

void checkSameSql(const OwnedMigration& migration, const std::string& recordedChecksum) {
    if (recordedChecksum != migration.checksum) {
        throw MigrationError(migration.describe() +
                             " was applied with different SQL; add a new migration instead of editing an applied one");
    }
}

/// The owner's migrations not yet recorded; checks the recorded ones against this build first.
std::vector<const OwnedMigration*> pendingOf(soci::session& session, const OwnerMigrations& owner) {
    std::vector<bool> recorded(owner.migrations.size(), false);
    for (const RecordedMigration& row : recordedOf(session, owner.owner)) {
        const auto known = std::find_if(owner.migrations.begin(), owner.migrations.end(),
                                        [&](const OwnedMigration& m) { return m.migration->version == row.version; });
        if (known == owner.migrations.end()) {
            throw MigrationError("the database has " + describeMigration(owner.owner, row.version, row.name) +
                                 ", which this build does not know: the schema is newer than this build of OComms");
        }
        checkSameSql(*known, row.checksum);
        recorded[static_cast<std::size_t>(known - owner.migrations.begin())] = true;
    }
    std::vector<const OwnedMigration*> pending;
    for (std::size_t i = 0; i < owner.migrations.size(); ++i) {
        if (!recorded[i]) pending.push_back(&owner.migrations[i]);
    }
    return pending;
}

std::vector<const OwnedMigration*> pendingOf(soci::session& session, const std::vector<OwnerMigrations>& owners) {
    std::vector<const OwnedMigration*> pending;
    for (const OwnerMigrations& owner : owners) {
        const auto ofOwner = pendingOf(session, owner);
        pending.insert(pending.end(), ofOwner.begin(), ofOwner.end());
    }
    return pending;
}

std::string utcNowIso8601() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis));
    return std::string(text, length) + fraction;
}

void record(soci::session& session, const OwnedMigration& migration) {
    const std::string name = migration.migration->name;
    const std::string appliedAt = utcNowIso8601();
    session << "INSERT INTO schema_migrations (plugin, version, name, checksum, applied_at)"
               " VALUES (:plugin, :version, :name, :checksum, :applied_at)",
        soci::use(migration.owner), soci::use(migration.migration->version), soci::use(name),
        soci::use(migration.checksum), soci::use(appliedAt);
}

void rollbackQuietly(soci::session& session, Dialect dialect) noexcept {
    try {
        if (insideTransaction(session, dialect)) executeScript(session, dialect, "ROLLBACK");
    } catch (const std::exception&) {
        // A broken connection has nothing left to roll back.
    }
}

/// Applies the migration and records it in one transaction. False when another host was faster.
bool applyOne(soci::session& session, Dialect dialect, const OwnedMigration& migration) {
    try {
        executeScript(session, dialect, dialect == Dialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        if (const auto checksum = recordedChecksum(session, migration)) {
            checkSameSql(migration, *checksum);
            rollbackQuietly(session, dialect);
            return false;
        }
        executeScript(session, dialect, migration.migration->sql);
        record(session, migration);
        executeScript(session, dialect, "COMMIT");
        return true;
    } catch (const MigrationError&) {
        rollbackQuietly(session, dialect);
        throw;
    } catch (const std::exception& e) {
        rollbackQuietly(session, dialect);
        throw MigrationError(migration.describe() + " failed, nothing of it was applied: " + oneLine(e.what()));
    }
}

void createTable(soci::session& session) { session << kCreateTable; }

std::vector<AppliedMigration> describedAsApplied(const std::vector<const OwnedMigration*>& migrations) {
    std::vector<AppliedMigration> out;
    for (const OwnedMigration* m : migrations) out.push_back({m->owner, m->migration->version, m->migration->name});
    return out;
}

}  // namespace

Migrator::Migrator(Database& database) : database_(database) {}

void Migrator::ensureTable() {
    PooledSession session = database_.session();
    const MigrationLock lock(*session, database_.dialect());
    createTable(*session);
}

std::vector<AppliedMigration> Migrator::pending(const std::vector<MigrationSource>& sources) {
    const auto owners = collectMigrations(sources, database_.dialect());
    PooledSession session = database_.session();
    const MigrationLock lock(*session, database_.dialect());
    createTable(*session);
    return describedAsApplied(pendingOf(*session, owners));
}

std::vector<AppliedMigration> Migrator::apply(const std::vector<MigrationSource>& sources) {
    const auto owners = collectMigrations(sources, database_.dialect());
    // One session for the whole run: the lock, the native SQL and the SOCI statements share its connection.
    PooledSession session = database_.session();
    const MigrationLock lock(*session, database_.dialect());
    createTable(*session);
    std::vector<const OwnedMigration*> applied;
    for (const OwnedMigration* migration : pendingOf(*session, owners)) {
        if (applyOne(*session, database_.dialect(), *migration)) applied.push_back(migration);
    }
    return describedAsApplied(applied);
}

}  // namespace ocomms::db
