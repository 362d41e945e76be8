// scripts/backup.sh and scripts/restore.sh against the real PostgreSQL: a seeded instance backed up,
// changed, restored and checked against the manifest; damaged dumps and unconfirmed restores refused
// before anything changes; retention of the script's own files only; the plugin's backups restore too.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "chat/ChatApiClient.hpp"
#include "db/ConnectionPool.hpp"
#include "identity/IdentityApiClient.hpp"
#include "scripts/BackupScriptRunner.hpp"
#include "support/CapturingLogger.hpp"
#include "support/Eventually.hpp"
#include "support/FileContents.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A digest of every row of the tables an instance's data lives in.
constexpr const char* kFingerprint =
    "SELECT (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM users t) || "
    "(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM organizations t) || "
    "(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM memberships t) || "
    "(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM chat_channels t) || "
    "(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM chat_messages t)";

class BackupScripts : public ::testing::Test {
protected:
    BackupScripts() : database_(TestDatabase::postgres()), url_(db::parseDatabaseUrl(database_.url())) {}

    /// An instance with users, two organizations, a channel and messages with a thread, written by the server.
    void seed(const std::string& morePlugins = "") {
        ServerOptions options;
        options.databaseUrl = database_.url();
        options.pluginsYaml = "  - name: health\n  - name: chat\n" + morePlugins;
        server_.emplace(options);
        server_->start();
        api_.emplace(server_->port());
        admin_ = api_->registerFirstUser("ann@example.com", "alpha");
        const auto bob = api_->newMember(admin_, "alpha", "member", "bob@example.com");
        api_->createOrganization(admin_, "beta");
        const ChatApiClient chat(*api_);
        const auto channel = chat.newChannel(admin_, "alpha", "general")["id"].get<std::int64_t>();
        const auto root = chat.newMessage(admin_, channel, "hello")["id"].get<std::int64_t>();
        if (chat.channelAction(bob, channel, "join").status != 200) throw std::runtime_error("bob cannot join");
        for (int i = 0; i < 20; ++i) chat.newMessage(bob, channel, "reply " + std::to_string(i), {{"parent_id", root}});
    }

    void stopServer() {
        if (server_) server_->stop();
    }

    CommandResult script(const std::string& name, const std::vector<std::string>& args) const {
        return runBackupScript(name, args, url_);
    }

    /// backup.sh into the test's folder; the dump's path.
    fs::path backup(const std::vector<std::string>& options = {}) {
        return backupWithScript(dir_.path(), url_, options);
    }

    std::string fingerprint() {
        std::string value;
        *pool().session() << kFingerprint, soci::into(value);
        return value;
    }

    void changeTheData() {
        auto session = pool().session();
        *session << "UPDATE users SET display_name = 'Changed' WHERE email = 'ann@example.com'";
        *session << "DELETE FROM chat_messages WHERE text LIKE 'reply 1%'";
        *session
            << "INSERT INTO organizations (slug, name, created_at) VALUES ('gamma', 'Gamma', '2026-01-01T00:00:00Z')";
    }

    db::ConnectionPool& pool() {
        if (!pool_) {
            pool_.emplace(url_, 1, 30s, logger_);
            pool_->open(10s);
        }
        return *pool_;
    }

    TestDatabase database_;
    db::DatabaseUrl url_;
    TempDir dir_;
    std::optional<ServerProcess> server_;
    std::optional<IdentityApiClient> api_;
    Account admin_;
    CapturingLogger logger_;
    std::optional<db::ConnectionPool> pool_;
};

TEST_F(BackupScripts, ARestoreBringsBackWhatWasBackedUpAndChecksIt) {
    seed();
    stopServer();
    const auto before = fingerprint();
    const auto dump = backup();
    ASSERT_FALSE(dump.empty());
    const std::string manifest = readText(dump.string() + ".manifest");
    EXPECT_NE(manifest.find("\nschema core 2\n"), std::string::npos) << manifest;
    EXPECT_NE(manifest.find("\nschema chat 1\n"), std::string::npos) << manifest;
    EXPECT_NE(manifest.find("\nrows public.chat_messages 21\n"), std::string::npos) << manifest;
    EXPECT_NE(manifest.find("\nrows public.users 2\n"), std::string::npos) << manifest;
    const auto checked = runCommand({"sh", "-c", "cd \"$1\" && sha256sum -c \"$2\"", "sh", dir_.path().string(),
                                     dump.filename().string() + ".sha256"});
    EXPECT_EQ(checked.exitCode, 0) << checked.output;

    changeTheData();
    ASSERT_NE(fingerprint(), before);
    const auto restored = script("restore.sh", {"--yes", dump.string()});
    ASSERT_EQ(restored.exitCode, 0) << restored.output;
    EXPECT_NE(restored.output.find("restore ok:"), std::string::npos) << restored.output;
    EXPECT_NE(restored.output.find("ended 1 other connection"), std::string::npos) << restored.output;
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(BackupScripts, ADamagedDumpIsRefusedBeforeAnythingChanges) {
    seed();
    stopServer();
    const auto dump = backup();
    changeTheData();
    const auto changed = fingerprint();
    flipOneByte(dump);
    const auto refused = script("restore.sh", {"--yes", dump.string()});
    EXPECT_EQ(refused.exitCode, 2) << refused.output;
    EXPECT_NE(refused.output.find("is damaged"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("nothing was restored"), std::string::npos) << refused.output;
    EXPECT_EQ(fingerprint(), changed);
}

TEST_F(BackupScripts, WithoutYesAndWithoutATerminalTheRestoreRefusesToAsk) {
    seed();
    stopServer();
    const auto dump = backup();
    changeTheData();
    const auto changed = fingerprint();
    const auto refused = script("restore.sh", {dump.string()});
    EXPECT_EQ(refused.exitCode, 2) << refused.output;
    EXPECT_NE(refused.output.find("pass --yes"), std::string::npos) << refused.output;
    EXPECT_EQ(fingerprint(), changed);
}

TEST_F(BackupScripts, ARestoreThatDoesNotMatchTheManifestFailsNamingTheDifference) {
    seed();
    stopServer();
    const auto dump = backup();
    const fs::path manifest = dump.string() + ".manifest";
    const std::string text =
        std::regex_replace(readText(manifest), std::regex("rows public.users 2"), "rows public.users 3");
    std::ofstream(manifest, std::ios::trunc) << text;
    const auto result = script("restore.sh", {"--yes", dump.string()});
    EXPECT_EQ(result.exitCode, 1) << result.output;
    EXPECT_NE(result.output.find("rows public.users: the backup recorded 3, the database has 2"), std::string::npos)
        << result.output;
}

TEST_F(BackupScripts, RetentionRemovesOnlyTheScriptsOwnOldestDumps) {
    seed();
    stopServer();
    const std::string prefix = "ocomms-pgdump-" + url_.database + "-";
    const std::vector<std::string> old = {prefix + "20200101T000000Z.dump", prefix + "20210101T000000Z.dump"};
    for (const auto& name : old)
        for (const auto& suffix : {"", ".sha256", ".manifest"}) std::ofstream(dir_.path() / (name + suffix)) << "old";
    const std::vector<std::string> foreign = {"ocomms-backup-20190101T000000Z-1.dump",
                                              "ocomms-pgdump-other-20190101T000000Z.dump", "notes.txt"};
    for (const auto& name : foreign) std::ofstream(dir_.path() / name) << "keep";

    const auto dump = backup({"--keep", "2"});
    EXPECT_FALSE(fs::exists(dir_.path() / old[0]));
    EXPECT_FALSE(fs::exists(dir_.path() / (old[0] + ".sha256")));
    EXPECT_FALSE(fs::exists(dir_.path() / (old[0] + ".manifest")));
    EXPECT_TRUE(fs::exists(dir_.path() / old[1]));
    EXPECT_TRUE(fs::exists(dump));
    for (const auto& name : foreign) EXPECT_TRUE(fs::exists(dir_.path() / name)) << name;
}

TEST_F(BackupScripts, ABackupOfThePluginRestoresThroughTheScript) {
    seed("  - name: backup-trigger\n    settings:\n      every: disabled\n      dir: \"" + dir_.path().string() +
         "\"\n");
    const auto before = fingerprint();
    const auto accepted = api_->call("POST", "/api/admin/backups", nullptr, admin_.token);
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const std::string path = "/api/admin/backups/" + std::to_string(jsonOf(accepted)["id"].get<std::int64_t>());
    nlohmann::json run;
    ASSERT_TRUE(eventually(
        [&] {
            run = jsonOf(api_->call("GET", path, nullptr, admin_.token));
            return run["status"] != "running";
        },
        120s, 50ms));
    ASSERT_EQ(run["status"], "ok") << run.dump();
    stopServer();

    changeTheData();
    const auto restored = script("restore.sh", {"--yes", (dir_.path() / run["file"].get<std::string>()).string()});
    ASSERT_EQ(restored.exitCode, 0) << restored.output;
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(BackupScripts, BothScriptsExplainThemselves) {
    for (const auto& name : {"backup.sh", "restore.sh"}) {
        const auto help = script(name, {"--help"});
        EXPECT_EQ(help.exitCode, 0) << name;
        EXPECT_NE(help.output.find("Usage: " + std::string(name)), std::string::npos) << help.output;
        EXPECT_EQ(script(name, {"--no-such-option"}).exitCode, 2) << name;
    }
}

}  // namespace
}  // namespace ocomms::test
