// Applies schema migrations of the core and the plugins, recorded in `schema_migrations`.
#pragma once

#include <string>
#include <vector>

#include <ocomms/database.hpp>
#include <ocomms/migration.hpp>

namespace ocomms::db {

struct MigrationSource {
    std::string owner;                      ///< "core" or the plugin's name
    const ocomms_migration_table* table;    ///< may be null: no migrations
};

struct AppliedMigration {
    std::string owner;
    int version = 0;
    std::string name;
};

/// A migration problem: a recorded migration whose text changed, a gap or duplicate version, or SQL that
/// failed (the message names owner, version, name and the database's error).
class MigrationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Migrator {
public:
    explicit Migrator(Database& database);

    /// Creates `schema_migrations` if needed (plugin TEXT, version INTEGER, name TEXT, checksum TEXT
    /// (SHA-256 hex of the SQL), applied_at TEXT ISO-8601 UTC, PRIMARY KEY (plugin, version)).
    void ensureTable();
    /// The migrations of this dialect not yet recorded, in (owner order, version) order.
    std::vector<AppliedMigration> pending(const std::vector<MigrationSource>& sources);
    /// Applies pending migrations, each in its own transaction together with its schema_migrations row;
    /// never applies one twice, also when several hosts migrate at once (PostgreSQL: advisory lock;
    /// SQLite: BEGIN IMMEDIATE). Verifies checksums of applied ones. Returns what it applied.
    std::vector<AppliedMigration> apply(const std::vector<MigrationSource>& sources);

private:
    Database& database_;
};

}  // namespace ocomms::db

/// The core's own migrations, compiled from core/migrations.
extern "C" const ocomms_migration_table ocomms_core_migrations;
