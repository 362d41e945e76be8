#include "db/MigrationSet.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace ocomms::db {
namespace {

std::string_view dialectName(Dialect dialect) { return dialect == Dialect::Sqlite ? "sqlite" : "postgres"; }

void checkVersions(const OwnerMigrations& owner, std::string_view dialect) {
    const auto& list = owner.migrations;
    for (std::size_t i = 1; i < list.size(); ++i) {
        const OwnedMigration& previous = list[i - 1];
        const OwnedMigration& current = list[i];
        if (current.migration->version == previous.migration->version) {
            throw MigrationError(owner.owner + " has two " + std::string(dialect) + " migrations with version " +
                                 std::to_string(current.migration->version) + ": " + previous.describe() +
                                 " and " + current.describe());
        }
        if (current.migration->version != previous.migration->version + 1) {
            throw MigrationError(owner.owner + "'s " + std::string(dialect) + " migrations jump from " +
                                 previous.describe() + " to " + current.describe() +
                                 ": versions must be consecutive");
        }
    }
}

OwnerMigrations migrationsOf(const MigrationSource& source, std::string_view dialect) {
    OwnerMigrations owner{source.owner, {}};
    if (source.table == nullptr) return owner;
    for (std::size_t i = 0; i < source.table->count; ++i) {
        const ocomms_migration& migration = source.table->migrations[i];
        if (migration.dialect == nullptr || dialect != migration.dialect) continue;
        if (migration.name == nullptr || migration.sql == nullptr) {
            throw MigrationError(source.owner + " has a migration without a name or SQL (version " +
                                 std::to_string(migration.version) + ")");
        }
        owner.migrations.push_back({source.owner, &migration, sha256Hex(migration.sql)});
    }
    std::stable_sort(owner.migrations.begin(), owner.migrations.end(), [](const auto& a, const auto& b) {
        return a.migration->version < b.migration->version;
    });
    checkVersions(owner, dialect);
    return owner;
}

}  // namespace

std::string OwnedMigration::describe() const { return describeMigration(owner, migration->version, migration->name); }

std::string describeMigration(const std::string& owner, int version, const std::string& name) {
    std::ostringstream out;
    out << owner << " migration " << std::setw(4) << std::setfill('0') << version << '_' << name;
    return out.str();
}

std::vector<OwnerMigrations> collectMigrations(const std::vector<MigrationSource>& sources, Dialect dialect) {
    std::vector<OwnerMigrations> owners;
    for (const MigrationSource& source : sources) {
        if (source.owner.empty()) throw MigrationError("a migration source has no owner name");
        const bool seen = std::any_of(owners.begin(), owners.end(),
                                      [&](const OwnerMigrations& o) { return o.owner == source.owner; });
        if (seen) throw MigrationError("the migrations of " + source.owner + " are listed twice");
        owners.push_back(migrationsOf(source, dialectName(dialect)));
    }
    return owners;
}

std::string sha256Hex(std::string_view text) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(text.data(), static_cast<unsigned>(text.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace ocomms::db
