#include <deque>
#include <exception>
#include <functional>
#include <latch>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "db/ConnectionPool.hpp"
#include "db/MigrationSet.hpp"
#include "db/Migrator.hpp"
#include "support/CapturingLogger.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::db {
namespace {

using namespace std::chrono_literals;
using test::TestDatabase;

/// A migration table built by the test; it must outlive its use and stay where it is.
class Migrations {
public:
    Migrations& add(const char* dialect, int version, std::string name, std::string sql) {
        names_.push_back(std::move(name));
        sqls_.push_back(std::move(sql));
        rows_.push_back({dialect, version, names_.back().c_str(), sqls_.back().c_str()});
        return *this;
    }
    /// The same SQL for both dialects.
    Migrations& both(int version, const std::string& name, const std::string& sql) {
        return add("sqlite", version, name, sql).add("postgres", version, name, sql);
    }
    const ocomms_migration_table* table() {
        table_ = {rows_.size(), rows_.data()};
        return &table_;
    }

private:
    std::deque<std::string> names_;
    std::deque<std::string> sqls_;
    std::vector<ocomms_migration> rows_;
    ocomms_migration_table table_{};
};

std::vector<std::string> labels(const std::vector<AppliedMigration>& migrations) {
    std::vector<std::string> out;
    for (const auto& m : migrations) out.push_back(m.owner + "/" + std::to_string(m.version) + "/" + m.name);
    return out;
}

std::string migrationErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const MigrationError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected MigrationError";
    return {};
}

class MigratorTest : public ::testing::TestWithParam<Dialect> {
protected:
    MigratorTest()
        : database_(TestDatabase::create(GetParam())),
          pool_(parseDatabaseUrl(database_.url()), 2, 10s, logger_) {
        pool_.open(5s);
    }

    bool tableExists(const std::string& name) {
        const std::string sql =
            GetParam() == Dialect::Sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = :name";
        int count = 0;
        *pool_.session() << sql, soci::use(name), soci::into(count);
        return count == 1;
    }

    int count(const std::string& sqlCountingRows) {
        int result = -1;
        *pool_.session() << sqlCountingRows, soci::into(result);
        return result;
    }

    std::vector<int> recordedVersions(const std::string& owner) {
        std::vector<int> versions(100);
        *pool_.session() << "SELECT version FROM schema_migrations WHERE plugin = :owner ORDER BY version",
            soci::use(owner), soci::into(versions);
        return versions;
    }

    TestDatabase database_;
    test::CapturingLogger logger_;
    ConnectionPool pool_;
};

TEST_P(MigratorTest, AppliesPendingMigrationsOnceAndASecondApplyDoesNothing) {
    Migrations migrations;
    migrations.both(1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);")
        .both(2, "second", "INSERT INTO first_table (id) VALUES (1);");
    const std::vector<MigrationSource> sources{{"core", migrations.table()}};
    Migrator migrator(pool_);

    EXPECT_EQ(labels(migrator.pending(sources)), (std::vector<std::string>{"core/1/first", "core/2/second"}));
    EXPECT_FALSE(tableExists("first_table")) << "pending() only looks";
    EXPECT_EQ(labels(migrator.apply(sources)), (std::vector<std::string>{"core/1/first", "core/2/second"}));
    EXPECT_TRUE(migrator.pending(sources).empty());
    EXPECT_TRUE(migrator.apply(sources).empty());
    EXPECT_TRUE(Migrator(pool_).apply(sources).empty());
    EXPECT_EQ(count("SELECT count(*) FROM first_table"), 1);
    EXPECT_EQ(recordedVersions("core"), (std::vector<int>{1, 2}));
}

TEST_P(MigratorTest, RecordsChecksumNameAndUtcTime) {
    const std::string sql = "CREATE TABLE first_table (id INTEGER PRIMARY KEY);";
    Migrations migrations;
    migrations.both(1, "first", sql);
    Migrator(pool_).apply({{"core", migrations.table()}});

    std::string name;
    std::string checksum;
    std::string appliedAt;
    *pool_.session() << "SELECT name, checksum, applied_at FROM schema_migrations WHERE plugin = 'core' AND version = 1",
        soci::into(name), soci::into(checksum), soci::into(appliedAt);
    EXPECT_EQ(name, "first");
    EXPECT_EQ(checksum, sha256Hex(sql));
    EXPECT_TRUE(std::regex_match(appliedAt, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"))) << appliedAt;
}

TEST_P(MigratorTest, RunsEveryStatementOfAMigration) {
    Migrations migrations;
    migrations.both(1, "notes",
                    "CREATE TABLE notes (body TEXT NOT NULL);\n"
                    "-- a comment; with a semicolon\n"
                    "INSERT INTO notes (body) VALUES ('a;b');\n"
                    "INSERT INTO notes (body) VALUES ('c');\n");
    Migrator(pool_).apply({{"core", migrations.table()}});
    EXPECT_EQ(count("SELECT count(*) FROM notes"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM notes WHERE body = 'a;b'"), 1);
}

TEST_P(MigratorTest, RejectsAnAppliedMigrationWhoseSqlChanged) {
    Migrations original;
    original.both(1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);");
    Migrator(pool_).apply({{"core", original.table()}});

    Migrations edited;
    edited.both(1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY, extra TEXT);")
        .both(2, "second", "CREATE TABLE second_table (id INTEGER PRIMARY KEY);");
    const std::vector<MigrationSource> sources{{"core", edited.table()}};
    const std::string message = migrationErrorOf([&] { Migrator(pool_).apply(sources); });
    EXPECT_NE(message.find("core migration 0001_first was applied with different SQL"), std::string::npos) << message;
    EXPECT_NE(message.find("add a new migration"), std::string::npos) << message;
    EXPECT_FALSE(migrationErrorOf([&] { Migrator(pool_).pending(sources); }).empty());
    EXPECT_FALSE(tableExists("second_table")) << "nothing is applied after a checksum mismatch";
}

TEST_P(MigratorTest, AFailedMigrationLeavesNeitherItsTablesNorItsRecord) {
    Migrations broken;
    broken.both(1, "good", "CREATE TABLE good (id INTEGER PRIMARY KEY);")
        .both(2, "broken",
              "CREATE TABLE half (id INTEGER PRIMARY KEY);\n"
              "INSERT INTO half (id) VALUES (1);\n"
              "INSERT INTO no_such_table (id) VALUES (1);\n");
    const std::string message = migrationErrorOf([&] { Migrator(pool_).apply({{"core", broken.table()}}); });
    EXPECT_NE(message.find("core migration 0002_broken"), std::string::npos) << message;
    EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
    EXPECT_TRUE(tableExists("good"));
    EXPECT_FALSE(tableExists("half"));
    EXPECT_EQ(recordedVersions("core"), (std::vector<int>{1}));

    Migrations fixed;
    fixed.both(1, "good", "CREATE TABLE good (id INTEGER PRIMARY KEY);")
        .both(2, "broken", "CREATE TABLE half (id INTEGER PRIMARY KEY);\n");
    EXPECT_EQ(labels(Migrator(pool_).apply({{"core", fixed.table()}})), (std::vector<std::string>{"core/2/broken"}));
    EXPECT_TRUE(tableExists("half"));
}

TEST_P(MigratorTest, RejectsARecordedMigrationThisBuildDoesNotKnow) {
    Migrations newer;
    newer.both(1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);")
        .both(2, "second", "CREATE TABLE second_table (id INTEGER PRIMARY KEY);");
    Migrator(pool_).apply({{"core", newer.table()}});

    Migrations older;
    older.both(1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);");
    const std::string message = migrationErrorOf([&] { Migrator(pool_).apply({{"core", older.table()}}); });
    EXPECT_NE(message.find("core migration 0002_second"), std::string::npos) << message;
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
}

TEST_P(MigratorTest, RejectsDuplicateVersionsBeforeTouchingTheDatabase) {
    Migrations duplicated;
    duplicated.both(1, "first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY);")
        .both(1, "again", "CREATE TABLE again_table (id INTEGER PRIMARY KEY);");
    const std::string message = migrationErrorOf([&] { Migrator(pool_).apply({{"core", duplicated.table()}}); });
    EXPECT_NE(message.find("version 1"), std::string::npos) << message;
    EXPECT_FALSE(tableExists("first_table"));
    EXPECT_FALSE(tableExists("again_table"));
}

TEST_P(MigratorTest, AppliesOwnersInTheOrderOfTheSources) {
    Migrations core;
    core.both(1, "base", "CREATE TABLE base (id INTEGER PRIMARY KEY);")
        .both(2, "more", "CREATE TABLE more_base (id INTEGER PRIMARY KEY);");
    Migrations plugin;
    plugin.both(1, "uses_base", "CREATE TABLE alpha_items (base_id INTEGER NOT NULL REFERENCES base (id));");
    const auto applied = Migrator(pool_).apply({{"core", core.table()}, {"alpha", plugin.table()}});
    EXPECT_EQ(labels(applied), (std::vector<std::string>{"core/1/base", "core/2/more", "alpha/1/uses_base"}));
    EXPECT_EQ(recordedVersions("alpha"), (std::vector<int>{1}));
}

TEST_P(MigratorTest, AppliesOnlyTheMigrationsOfItsDialect) {
    Migrations migrations;
    migrations.add("sqlite", 1, "own", "CREATE TABLE made_for_sqlite (id INTEGER PRIMARY KEY);")
        .add("postgres", 1, "own", "CREATE TABLE made_for_postgres (id INTEGER PRIMARY KEY);");
    Migrator(pool_).apply({{"core", migrations.table()}});
    EXPECT_EQ(tableExists("made_for_sqlite"), GetParam() == Dialect::Sqlite);
    EXPECT_EQ(tableExists("made_for_postgres"), GetParam() == Dialect::Postgres);
}

TEST_P(MigratorTest, AppliesTheCoreMigrations) {
    const auto applied = Migrator(pool_).apply({{"core", &ocomms_core_migrations}});
    EXPECT_FALSE(applied.empty());
    EXPECT_EQ(count("SELECT count(*) FROM instance"), 1);
    EXPECT_TRUE(Migrator(pool_).apply({{"core", &ocomms_core_migrations}}).empty());
}

TEST_P(MigratorTest, TwoHostsMigratingAtOnceApplyEachMigrationOnce) {
    Migrations migrations;
    // The first migration holds the first host inside its transaction while the second one arrives.
    migrations
        .add("sqlite", 1, "slow",
             "CREATE TABLE counted (id INTEGER PRIMARY KEY);"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) SELECT count(*) FROM n;")
        .add("postgres", 1, "slow", "CREATE TABLE counted (id INTEGER PRIMARY KEY); SELECT pg_sleep(0.3);")
        .both(2, "first_row", "INSERT INTO counted (id) VALUES (1);")
        .both(3, "second_row", "INSERT INTO counted (id) VALUES (2);");
    const std::vector<MigrationSource> sources{{"core", migrations.table()}};
    ConnectionPool otherHost(parseDatabaseUrl(database_.url()), 2, 10s, logger_);
    otherHost.open(5s);
    // As after an upgrade: the table exists, so neither host waits on creating it and both plan at once.
    Migrator(pool_).ensureTable();

    std::latch bothReady(2);
    std::vector<AppliedMigration> applied[2];
    std::string errors[2];
    auto migrate = [&](Database& database, int host) {
        bothReady.arrive_and_wait();
        try {
            applied[host] = Migrator(database).apply(sources);
        } catch (const std::exception& e) {
            errors[host] = e.what();
        }
    };
    std::thread first(migrate, std::ref(pool_), 0);
    std::thread second(migrate, std::ref(otherHost), 1);
    first.join();
    second.join();

    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "");
    EXPECT_EQ(applied[0].size() + applied[1].size(), 3u);
    EXPECT_EQ(count("SELECT count(*) FROM counted"), 2);
    EXPECT_EQ(recordedVersions("core"), (std::vector<int>{1, 2, 3}));
}

INSTANTIATE_TEST_SUITE_P(Dialects, MigratorTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return test::dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::db
