#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/MigrationSet.hpp"

namespace ocomms::db {
namespace {

std::vector<int> versionsOf(const OwnerMigrations& owner) {
    std::vector<int> versions;
    for (const OwnedMigration& m : owner.migrations) versions.push_back(m.migration->version);
    return versions;
}

std::string errorOf(const std::vector<MigrationSource>& sources) {
    try {
        collectMigrations(sources, Dialect::Sqlite);
    } catch (const MigrationError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected MigrationError";
    return {};
}

TEST(MigrationSet, KeepsOnlyTheDialectAndSortsByVersion) {
    const ocomms_migration migrations[] = {
        {"sqlite", 2, "second", "SELECT 2"},
        {"postgres", 1, "first", "SELECT 1"},
        {"sqlite", 1, "first", "SELECT 1"},
    };
    const ocomms_migration_table table{3, migrations};
    const auto owners = collectMigrations({{"core", &table}, {"empty", nullptr}}, Dialect::Sqlite);
    ASSERT_EQ(owners.size(), 2u);
    EXPECT_EQ(owners[0].owner, "core");
    EXPECT_EQ(versionsOf(owners[0]), (std::vector<int>{1, 2}));
    EXPECT_TRUE(owners[1].migrations.empty());
    EXPECT_EQ(versionsOf(collectMigrations({{"core", &table}}, Dialect::Postgres)[0]), (std::vector<int>{1}));
}

TEST(MigrationSet, ChecksumIsSha256HexOfTheSql) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const ocomms_migration migrations[] = {{"sqlite", 1, "first", "abc"}};
    const ocomms_migration_table table{1, migrations};
    EXPECT_EQ(collectMigrations({{"core", &table}}, Dialect::Sqlite)[0].migrations[0].checksum, sha256Hex("abc"));
}

TEST(MigrationSet, DescribesMigrationsLikeTheirFileNames) {
    EXPECT_EQ(describeMigration("core", 2, "users"), "core migration 0002_users");
}

TEST(MigrationSet, RejectsDuplicateVersions) {
    const ocomms_migration migrations[] = {{"sqlite", 1, "a", "SELECT 1"}, {"sqlite", 1, "b", "SELECT 1"}};
    const ocomms_migration_table table{2, migrations};
    const std::string message = errorOf({{"core", &table}});
    EXPECT_NE(message.find("two sqlite migrations with version 1"), std::string::npos) << message;
    EXPECT_NE(message.find("core migration 0001_a"), std::string::npos) << message;
}

TEST(MigrationSet, RejectsAGapBetweenVersions) {
    const ocomms_migration migrations[] = {{"sqlite", 1, "a", "SELECT 1"}, {"sqlite", 3, "c", "SELECT 1"}};
    const ocomms_migration_table table{2, migrations};
    EXPECT_NE(errorOf({{"core", &table}}).find("consecutive"), std::string::npos);
}

TEST(MigrationSet, RejectsAnOwnerListedTwiceOrWithoutName) {
    EXPECT_NE(errorOf({{"core", nullptr}, {"core", nullptr}}).find("listed twice"), std::string::npos);
    EXPECT_NE(errorOf({{"", nullptr}}).find("no owner"), std::string::npos);
}

}  // namespace
}  // namespace ocomms::db
