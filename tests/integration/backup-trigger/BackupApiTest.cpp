// The backup-trigger plugin through the real server, on each backend: backups on request that finish
// verified with a checksum and restore; instance admins only; one at a time across nodes; retention that
// touches only its own files; failures and corruption reported by the `backup` health check as warnings.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <sqlite3.h>

#include "backup-trigger/BackupServerFixture.hpp"
#include "support/Eventually.hpp"
#include "support/FileContents.hpp"

namespace ocomms::test {
namespace {

namespace fs = std::filesystem;

/// The first column of the first row of `sql`, run on a SQLite file opened read-only.
std::string sqliteValue(const fs::path& file, const char* sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "<cannot open>";
    }
    sqlite3_stmt* statement = nullptr;
    std::string value = "<no row>";
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
        value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

/// Restores a PostgreSQL dump into a fresh database and counts its users.
std::string usersAfterPgRestore(const fs::path& dump) {
    TestDatabase target = TestDatabase::postgres();
    const auto url = db::parseDatabaseUrl(target.url());
    const auto restored = runCommand({"pg_restore", "--no-owner", "--exit-on-error", "--host=" + url.host,
                                      "--port=" + std::to_string(url.port), "--username=" + url.user,
                                      "--dbname=" + url.database, dump.string()});
    if (restored.exitCode != 0) return "pg_restore failed: " + restored.output;
    CapturingLogger logger;
    db::ConnectionPool pool(url, 1, std::chrono::seconds(10), logger);
    pool.open(std::chrono::seconds(10));
    long long users = 0;
    *pool.session() << "SELECT count(*) FROM users", soci::into(users);
    return std::to_string(users);
}

std::vector<std::string> namesIn(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

using BackupApi = BackupServerFixture;

TEST_P(BackupApi, ABackupOnRequestFinishesVerifiedWithItsChecksumAndRestores) {
    startServer();
    const auto accepted = call("POST", "/api/admin/backups", admin_.token);
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const auto id = jsonOf(accepted)["id"].get<std::int64_t>();
    EXPECT_EQ(jsonOf(accepted)["status"], "running");
    EXPECT_EQ(accepted.headers.at("location"), "/api/admin/backups/" + std::to_string(id));

    const auto done = waitUntilFinished(id);
    ASSERT_EQ(done["status"], "ok") << done.dump() << server_->output();
    EXPECT_EQ(done["verified"], true);
    EXPECT_EQ(done["trigger"], "manual");
    EXPECT_EQ(done["requested_by"], admin_.id);
    EXPECT_TRUE(done["error"].is_null());
    const std::string file = done["file"];
    const std::string extension = GetParam() == Dialect::Postgres ? "dump" : "sqlite";
    EXPECT_TRUE(std::regex_match(
        file, std::regex("ocomms-backup-[0-9]{8}T[0-9]{6}Z-" + std::to_string(id) + "\\." + extension)))
        << file;
    EXPECT_EQ(done["size"].get<std::uintmax_t>(), fs::file_size(backups() / file));
    EXPECT_EQ(readText(backups() / (file + ".sha256")), done["sha256"].get<std::string>() + "  " + file + "\n");
    const auto checked =
        runCommand({"sh", "-c", "cd \"$1\" && sha256sum -c \"$2\"", "sh", backups().string(), file + ".sha256"});
    EXPECT_EQ(checked.exitCode, 0) << checked.output;

    if (GetParam() == Dialect::Postgres) {
        const auto listed = runCommand({"pg_restore", "--list", (backups() / file).string()});
        EXPECT_EQ(listed.exitCode, 0) << listed.output;
        EXPECT_NE(listed.output.find("TABLE DATA public users"), std::string::npos) << listed.output;
        EXPECT_NE(readText(backups() / (file + ".manifest")).find("\nrows public.users 1\n"), std::string::npos);
        EXPECT_EQ(usersAfterPgRestore(backups() / file), "1");
    } else {
        EXPECT_EQ(sqliteValue(backups() / file, "PRAGMA integrity_check"), "ok");
        EXPECT_EQ(sqliteValue(backups() / file, "SELECT count(*) FROM users"), "1");
    }

    const auto list = jsonOf(call("GET", "/api/admin/backups", admin_.token));
    ASSERT_EQ(list["backups"].size(), 1U);
    EXPECT_EQ(list["backups"][0], done);
    EXPECT_EQ(health()["checks"]["backup"]["status"], "ok");
}

TEST_P(BackupApi, EveryRouteIsForInstanceAdminsOnly) {
    startServer();
    const auto id = requestBackup();
    waitUntilFinished(id);
    // An organization owner who is not an instance administrator is still refused.
    const auto member = api_->newMember(admin_, "acme", "member", "member@example.com");
    api_->createOrganization(member, "own");
    const std::string one = "/api/admin/backups/" + std::to_string(id);
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"POST", "/api/admin/backups"}, {"GET", "/api/admin/backups"}, {"GET", one}, {"POST", one + "/verify"}};
    for (const auto& [method, path] : routes) {
        EXPECT_EQ(call(method, path, member.token).status, 403) << method << " " << path;
        EXPECT_EQ(call(method, path, "").status, 401) << method << " " << path;
    }
    EXPECT_EQ(jsonOf(call("GET", "/api/admin/backups", admin_.token))["backups"].size(), 1U);
}

TEST_P(BackupApi, ABackupRunningOnAnotherNodeRefusesASecond) {
    startServer();
    const auto other = insertRunningRunOfAnotherNode(std::chrono::seconds(0));
    const auto refused = call("POST", "/api/admin/backups", admin_.token);
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(errorCodeOf(refused), "backup_running");
    EXPECT_NE(errorMessageOf(refused).find("#" + std::to_string(other)), std::string::npos) << refused.body;
    EXPECT_NE(errorMessageOf(refused).find("other-node"), std::string::npos) << refused.body;
    EXPECT_EQ(run(other)["status"], "running");
}

TEST_P(BackupApi, ABackupLeftByADeadNodeIsRecordedFailedAndANewOneRuns) {
    startServer();
    const auto dead = insertRunningRunOfAnotherNode(std::chrono::seconds(600));
    const auto id = requestBackup();
    EXPECT_EQ(waitUntilFinished(id)["status"], "ok");
    const auto abandoned = run(dead);
    EXPECT_EQ(abandoned["status"], "failed");
    EXPECT_NE(abandoned["error"].get<std::string>().find("abandoned: node other-node"), std::string::npos);
}

TEST_P(BackupApi, RetentionKeepsTheNewestAndNeverTouchesOtherFiles) {
    for (const auto& foreign : {"notes.txt", "ocomms-backup-manual.dump", "ocomms-pgdump-ocomms-20200101T000000Z.dump"})
        std::ofstream(backups() / foreign) << "mine";
    startServer({{"keep", "2"}});
    std::vector<std::int64_t> ids;
    std::vector<std::string> files;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(requestBackup());
        const auto done = waitUntilFinished(ids.back());
        ASSERT_EQ(done["status"], "ok") << done.dump();
        files.push_back(done["file"]);
    }
    std::vector<std::string> expected = {"notes.txt", "ocomms-backup-manual.dump",
                                         "ocomms-pgdump-ocomms-20200101T000000Z.dump"};
    for (std::size_t i = 1; i < files.size(); ++i) {
        expected.push_back(files[i]);
        expected.push_back(files[i] + ".sha256");
        if (GetParam() == Dialect::Postgres) expected.push_back(files[i] + ".manifest");
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(namesIn(backups()), expected);
    EXPECT_FALSE(run(ids[0])["removed_at"].is_null());
    EXPECT_TRUE(run(ids[2])["removed_at"].is_null());
    for (const auto& foreign : {"notes.txt", "ocomms-backup-manual.dump"})
        EXPECT_EQ(readText(backups() / foreign), "mine");
}

TEST_P(BackupApi, AFailedBackupWarnsInHealthWhileTheInstanceStaysHealthyEnough) {
    std::ofstream(backups() / "a-file") << "not a folder";
    startServer({{"dir", "\"" + (backups() / "a-file" / "backups").string() + "\""}});
    const auto id = requestBackup();
    const auto done = waitUntilFinished(id);
    EXPECT_EQ(done["status"], "failed");
    EXPECT_NE(done["error"].get<std::string>().find("cannot create the backup folder"), std::string::npos)
        << done.dump();

    const auto response = server_->get("/api/health");
    EXPECT_EQ(response.status, 200) << response.body;
    const auto body = jsonOf(response);
    EXPECT_EQ(body["status"], "degraded");
    EXPECT_EQ(body["checks"]["backup"]["status"], "warn");
    EXPECT_NE(body["checks"]["backup"]["error"].get<std::string>().find("#" + std::to_string(id)), std::string::npos);
    EXPECT_NE(server_->output().find("backup #" + std::to_string(id) + " (manual) failed"), std::string::npos);
}

TEST_P(BackupApi, AnOldBackupWarnsInHealthAsStale) {
    startServer();
    server_->stop();
    // A good backup three days old, and another node busy with the next one.
    const auto now = std::chrono::system_clock::now();
    const long long threeDaysAgo =
        std::chrono::duration_cast<std::chrono::milliseconds>((now - std::chrono::hours(72)).time_since_epoch())
            .count();
    *database().session()
        << "INSERT INTO backup_runs (status, trigger_kind, scheduled_for, node, started_at, started_ms,"
           " heartbeat_ms, finished_at, verified) VALUES ('ok', 'schedule', :slot, 'old-node',"
           " '2026-01-25T03:00:00.000Z', :started, :heartbeat, '2026-01-25T03:00:09.000Z', 1)",
        soci::use(threeDaysAgo), soci::use(threeDaysAgo), soci::use(threeDaysAgo);
    insertRunningRunOfAnotherNode(std::chrono::seconds(0));
    startServer({{"every", "24h"}});

    const auto response = server_->get("/api/health");
    EXPECT_EQ(response.status, 200) << response.body;
    const auto check = jsonOf(response)["checks"]["backup"];
    EXPECT_EQ(check["status"], "warn") << check.dump();
    EXPECT_NE(check["error"].get<std::string>().find("more than twice `every` (1d)"), std::string::npos)
        << check.dump();
}

TEST_P(BackupApi, ACorruptedBackupFailsVerification) {
    startServer();
    const auto id = requestBackup();
    const auto done = waitUntilFinished(id);
    ASSERT_EQ(done["status"], "ok");
    const std::string verifyPath = "/api/admin/backups/" + std::to_string(id) + "/verify";
    const auto intact = call("POST", verifyPath, admin_.token);
    ASSERT_EQ(intact.status, 200) << intact.body;
    EXPECT_EQ(jsonOf(intact)["verified"], true);

    flipOneByte(backups() / done["file"].get<std::string>());
    const auto corrupted = call("POST", verifyPath, admin_.token);
    ASSERT_EQ(corrupted.status, 200) << corrupted.body;
    EXPECT_EQ(jsonOf(corrupted)["verified"], false);
    EXPECT_NE(jsonOf(corrupted)["error"].get<std::string>().find("checksum mismatch"), std::string::npos)
        << corrupted.body;
    EXPECT_EQ(run(id)["verified"], false);
    const auto check = health()["checks"]["backup"];
    EXPECT_EQ(check["status"], "warn");
    EXPECT_NE(check["error"].get<std::string>().find("did not verify"), std::string::npos) << check.dump();
}

TEST_P(BackupApi, VerifyingWhatCannotBeVerifiedIsRefused) {
    startServer();
    EXPECT_EQ(errorCodeOf(call("POST", "/api/admin/backups/999/verify", admin_.token)), "backup_not_found");
    EXPECT_EQ(call("GET", "/api/admin/backups/x", admin_.token).status, 404);
    const auto id = requestBackup();
    const auto done = waitUntilFinished(id);
    fs::remove(backups() / done["file"].get<std::string>());
    const auto missing = call("POST", "/api/admin/backups/" + std::to_string(id) + "/verify", admin_.token);
    EXPECT_EQ(missing.status, 409);
    EXPECT_EQ(errorCodeOf(missing), "backup_file_missing");
    EXPECT_EQ(errorCodeOf(call("GET", "/api/admin/backups?limit=0", admin_.token)), "invalid_query");
}

TEST_P(BackupApi, TwoNodesOnOneDatabaseRunEachScheduledBackupOnce) {
    const std::string debugLogs = "logging:\n  level: debug\n";
    startServer({{"every", "1h"}}, debugLogs);
    ServerOptions second;
    second.databaseUrl = database_.url();
    second.pluginsYaml = "  - name: health\n  - name: backup-trigger\n    settings:\n      every: 1h\n      dir: \"" +
                         backups().string() + "\"\n";
    second.extraYaml = debugLogs;
    ServerProcess other(second);
    other.start();

    // Each node has looked at the schedule after the first slot was taken.
    const auto bothWaitForTheNextSlot = [&] {
        return server_->output().find("next scheduled backup at") != std::string::npos &&
               other.output().find("next scheduled backup at") != std::string::npos;
    };
    ASSERT_TRUE(eventually(bothWaitForTheNextSlot, 120s, 50ms)) << server_->output() << other.output();
    long long scheduled = 0;
    *database().session() << "SELECT count(*) FROM backup_runs WHERE trigger_kind = 'schedule'", soci::into(scheduled);
    EXPECT_EQ(scheduled, 1);
    const auto runs = jsonOf(call("GET", "/api/admin/backups", admin_.token))["backups"];
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_EQ(waitUntilFinished(runs[0]["id"])["status"], "ok");
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupApi, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& backend) { return dialectName(backend.param); });

// PostgreSQL: a pg_dump that waits for a lock (as behind a long migration) is a backup in progress.
using BackupApiPostgres = BackupServerFixture;

TEST_P(BackupApiPostgres, WhileAPgDumpRunsASecondRequestIsRefusedAndAStopEndsItAsFailed) {
    startServer();
    *database().session() << "CREATE TABLE locked_by_test (x INTEGER)";
    auto holder = database().session();
    *holder << "BEGIN";
    *holder << "LOCK TABLE locked_by_test IN ACCESS EXCLUSIVE MODE";

    const auto id = requestBackup();
    std::optional<pid_t> dump;
    ASSERT_TRUE(eventually([&] { return (dump = childNamed(server_->pid(), "pg_dump")).has_value(); }, 60s, 20ms))
        << server_->output();
    const auto refused = call("POST", "/api/admin/backups", admin_.token);
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(errorCodeOf(refused), "backup_running");

    // A stopped pg_dump cannot even react to SIGTERM until continued; the shutdown must still end it.
    kill(*dump, SIGSTOP);
    EXPECT_EQ(server_->stop(), 0) << server_->output();
    *holder << "ROLLBACK";

    const long long key = id;
    std::string status, error;
    *database().session() << "SELECT status, error FROM backup_runs WHERE id = :id", soci::use(key), soci::into(status),
        soci::into(error);
    EXPECT_EQ(status, "failed");
    EXPECT_NE(error.find("stopped: pg_dump was stopped because the server is shutting down"), std::string::npos)
        << error;
    EXPECT_TRUE(namesIn(backups()).empty()) << "left behind: " << namesIn(backups()).front();
    EXPECT_FALSE(fs::exists("/proc/" + std::to_string(*dump)));
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupApiPostgres, ::testing::Values(Dialect::Postgres),
                         [](const auto& backend) { return dialectName(backend.param); });

}  // namespace
}  // namespace ocomms::test
