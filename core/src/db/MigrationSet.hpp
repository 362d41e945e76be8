// The migrations of one dialect, gathered from every source and checked before the database is touched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/Migrator.hpp"

namespace ocomms::db {

struct OwnedMigration {
    std::string owner;
    const ocomms_migration* migration = nullptr;
    std::string checksum;  ///< SHA-256 hex of the SQL

    /// "core migration 0002_users", as in messages.
    std::string describe() const;
};

struct OwnerMigrations {
    std::string owner;
    std::vector<OwnedMigration> migrations;  ///< ascending, consecutive versions
};

/// In the order of `sources`. Throws MigrationError for an owner listed twice, a duplicate version or a gap.
std::vector<OwnerMigrations> collectMigrations(const std::vector<MigrationSource>& sources, Dialect dialect);

std::string sha256Hex(std::string_view text);

/// "core migration 0002_users".
std::string describeMigration(const std::string& owner, int version, const std::string& name);

}  // namespace ocomms::db
