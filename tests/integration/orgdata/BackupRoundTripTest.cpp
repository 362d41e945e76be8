// A backup of a seeded organization, restored into a wiped database the way docs/operations.md tells an
// operator, gives the organization back whole: `ocomms export` after the restore writes the same entity
// files as before the backup. Through the backup-trigger plugin's HTTP endpoints on each backend, and
// through scripts/backup.sh and scripts/restore.sh on PostgreSQL.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "backup-trigger/BackupServerFixture.hpp"
#include "orgdata/OrganizationSeed.hpp"
#include "scripts/BackupScriptRunner.hpp"

namespace ocomms::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kMessages = 5000;

/// acme seeded in a test database, exported with `ocomms export` before the backup and after the restore.
class OrganizationExports {
public:
    explicit OrganizationExports(const TestDatabase& database)
        : database_(database), config_(writeCommandConfig(dir_.path(), database.url())) {}

    /// Seeds acme (threads, edits, reactions, mentions, read markers) and exports it. The seeding
    /// connections are closed on return, so that nothing holds the database when it is wiped.
    fs::path seedAndExport() {
        {
            ChatStack stack(database_.url());
            seedOrganization(stack, kMessages);
        }
        const auto folder = exportWithCli(config_, "acme", dir_.path() / "before");
        std::map<std::string, std::int64_t> counts;
        for (const auto& entry : orgdata::readManifest(folder).entities) counts[entry.entity] = entry.facts.rows;
        EXPECT_EQ(counts["chat.messages"], kMessages);
        EXPECT_GT(counts["chat.reactions"], 0);
        const auto messages = rowsOf(folder, "chat.messages");
        EXPECT_GT(std::count_if(messages.begin(), messages.end(),
                                [](const nlohmann::json& message) { return !message["parent_seq"].is_null(); }),
                  0)
            << "the export holds threads";
        return folder;
    }

    fs::path exportAgain() { return exportWithCli(config_, "acme", dir_.path() / "after"); }

private:
    const TestDatabase& database_;
    TempDir dir_;
    fs::path config_;
};

/// A connection of the test's own to the PostgreSQL database of `url`, for `use`.
void onPostgres(const db::DatabaseUrl& url, const std::function<void(soci::session&)>& use) {
    CapturingLogger logger;
    db::ConnectionPool pool(url, 1, 30s, logger);
    pool.open(10s);
    use(*pool.session());
}

/// Everything the instance stored, gone: PostgreSQL's public schema dropped with every table and sequence
/// in it and made again, empty; SQLite's file removed with its write-ahead log.
void wipe(const TestDatabase& database) {
    const auto url = db::parseDatabaseUrl(database.url());
    if (url.dialect == Dialect::Sqlite) {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(url.sqlitePath.string() + suffix);
        return;
    }
    onPostgres(url, [](soci::session& session) {
        session << "DROP SCHEMA public CASCADE";
        session << "CREATE SCHEMA public";
    });
}

/// What is left of the instance after a wipe: PostgreSQL's relations outside the system schemas, or
/// SQLite's database files.
std::vector<std::string> leftAfterWipe(const TestDatabase& database) {
    const auto url = db::parseDatabaseUrl(database.url());
    if (url.dialect == Dialect::Postgres) {
        std::vector<std::string> relations;
        onPostgres(url, [&](soci::session& session) {
            soci::rowset<std::string> rows =
                session.prepare << "SELECT n.nspname || '.' || c.relname FROM pg_class c"
                                   " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                   " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                                   " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
                                   " ORDER BY 1";
            relations.assign(rows.begin(), rows.end());
        });
        return relations;
    }
    std::vector<std::string> files;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const fs::path file = url.sqlitePath.string() + suffix;
        if (fs::exists(file)) files.push_back(file.string());
    }
    return files;
}

/// Puts a backup of the plugin back as docs/operations.md tells an operator, the server stopped:
/// PostgreSQL through scripts/restore.sh; SQLite by copying the file into place (the wipe removed the old
/// write-ahead log).
::testing::AssertionResult restorePluginBackup(const TestDatabase& database, const fs::path& backup) {
    const auto url = db::parseDatabaseUrl(database.url());
    if (url.dialect == Dialect::Sqlite) {
        fs::copy_file(backup, url.sqlitePath);
        return ::testing::AssertionSuccess();
    }
    const auto restored = runBackupScript("restore.sh", {"--yes", backup.string()}, url);
    if (restored.exitCode != 0) return ::testing::AssertionFailure() << "restore.sh failed: " << restored.output;
    return ::testing::AssertionSuccess();
}

using BackupRoundTrip = BackupServerFixture;

TEST_P(BackupRoundTrip, ABackupOfThePluginRestoredIntoAWipedDatabaseExportsTheSameEntityFiles) {
    OrganizationExports exports(database_);
    const auto before = exports.seedAndExport();

    useExistingAdmin("ann@example.com", kSeedPassword);
    startServer();
    const auto done = waitUntilFinished(requestBackup());
    ASSERT_EQ(done["status"], "ok") << done.dump() << server_->output();
    ASSERT_EQ(done["verified"], true) << done.dump();
    ASSERT_EQ(server_->stop(), 0) << server_->output();

    wipe(database_);
    ASSERT_EQ(leftAfterWipe(database_), std::vector<std::string>{});
    ASSERT_TRUE(restorePluginBackup(database_, backups() / done["file"].get<std::string>()));
    expectSameExport(before, exports.exportAgain());
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupRoundTrip, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& backend) { return dialectName(backend.param); });

TEST(BackupScriptsRoundTrip, ABackupOfTheScriptRestoredIntoAWipedDatabaseExportsTheSameEntityFiles) {
    const auto database = TestDatabase::postgres();
    const auto url = db::parseDatabaseUrl(database.url());
    OrganizationExports exports(database);
    const auto before = exports.seedAndExport();

    TempDir backups;
    const auto dump = backupWithScript(backups.path(), url);
    ASSERT_FALSE(dump.empty());

    wipe(database);
    ASSERT_EQ(leftAfterWipe(database), std::vector<std::string>{});
    const auto restored = runBackupScript("restore.sh", {"--yes", dump.string()}, url);
    ASSERT_EQ(restored.exitCode, 0) << restored.output;
    EXPECT_NE(restored.output.find("restore ok:"), std::string::npos) << restored.output;
    expectSameExport(before, exports.exportAgain());
}

}  // namespace
}  // namespace ocomms::test
