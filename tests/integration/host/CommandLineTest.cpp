// The `ocomms` command line as users meet it: help, version, usage errors, config check, plugins list.
#include <map>

#include <gtest/gtest.h>

#include <fstream>

#include <ocomms/build_signature.hpp>

#include "support/ServerProcess.hpp"

namespace ocomms::test {
namespace {

std::filesystem::path writeConfig(const TempDir& dir, const std::string& yaml) {
    const auto file = dir.path() / "ocomms.yaml";
    std::ofstream(file) << yaml;
    return file;
}

TEST(CommandLine, VersionPrintsVersionAndSignature) {
    const auto r = runOcomms({"--version"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.output.find("ocomms " OCOMMS_VERSION), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(OCOMMS_BUILD_SIGNATURE), std::string::npos) << r.output;
}

TEST(CommandLine, HelpListsEveryCommand) {
    const auto r = runOcomms({"--help"});
    EXPECT_EQ(r.exitCode, 0);
    for (const char* command : {"serve", "config check", "migrate", "plugins list", "export", "import",
                                "admin create-org", "admin reset-password", "admin list-users",
                                "admin deactivate-user"})
        EXPECT_NE(r.output.find(command), std::string::npos) << command;
}

TEST(CommandLine, EverySubcommandHasHelp) {
    for (std::vector<std::string> args : {std::vector<std::string>{"serve", "--help"},
                                          {"config", "check", "--help"},
                                          {"migrate", "--help"},
                                          {"plugins", "list", "--help"},
                                          {"export", "--help"},
                                          {"import", "--help"},
                                          {"admin", "create-org", "--help"},
                                          {"admin", "reset-password", "--help"},
                                          {"admin", "list-users", "--help"},
                                          {"admin", "deactivate-user", "--help"}}) {
        const auto r = runOcomms(args);
        EXPECT_EQ(r.exitCode, 0) << args[0];
        EXPECT_NE(r.output.find("Usage: ocomms " + args[0]), std::string::npos) << r.output;
        EXPECT_NE(r.output.find("--config FILE"), std::string::npos) << r.output;
    }
}

TEST(CommandLine, UsageErrorsExitTwo) {
    EXPECT_EQ(runOcomms({"frobnicate"}).exitCode, 2);
    EXPECT_EQ(runOcomms({"serve"}).exitCode, 2);                        // no --config
    EXPECT_EQ(runOcomms({"serve", "--config"}).exitCode, 2);            // no value
    EXPECT_EQ(runOcomms({"migrate", "--bogus", "x"}).exitCode, 2);
    const auto r = runOcomms({"plugins", "frob"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.output.find("unknown command 'plugins frob'"), std::string::npos) << r.output;
}

TEST(CommandLine, ConfigCheckAcceptsTheShippedConfig) {
    const auto r = runOcomms({"config", "check", "--config", OCOMMS_TEST_SOURCE_DIR "/config/ocomms.yaml"});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("OK"), std::string::npos) << r.output;
}

TEST(CommandLine, ConfigCheckAcceptsTheComposeConfigWithItsVariablesSet) {
    const std::map<std::string, std::string> env{{"APP_URL", "https://chat.example.com"},
                                                 {"DATABASE_URL", "postgresql://ocomms:secret@db:5432/ocomms"},
                                                 {"AUTH_SECRET", std::string(40, 'k')}};
    const auto r = runOcomms({"config", "check", "--config", OCOMMS_TEST_SOURCE_DIR "/config/ocomms.compose.yaml"}, env);
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("plugins enabled: health, chat, export, backup-trigger"), std::string::npos) << r.output;
}

TEST(CommandLine, ConfigCheckOfTheComposeConfigNamesAMissingVariable) {
    const auto r = runOcomms({"config", "check", "--config", OCOMMS_TEST_SOURCE_DIR "/config/ocomms.compose.yaml"},
                             {{"APP_URL", "https://chat.example.com"}, {"AUTH_SECRET", std::string(40, 'k')}});
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find("DATABASE_URL"), std::string::npos) << r.output;
}

TEST(CommandLine, ConfigCheckPrintsEveryProblemWithItsPlace) {
    TempDir dir;
    const auto file = writeConfig(dir,
                                  "database:\n"
                                  "  url: \"sqlite:x.db\"\n"
                                  "  pool_size: 0\n"
                                  "server:\n"
                                  "  listen: \"nowhere\"\n"
                                  "plugins:\n"
                                  "  - name: health\n"
                                  "    settings:\n"
                                  "      check_timeout: 1h\n"
                                  "  - name: no-such-plugin\n");
    const auto r = runOcomms({"config", "check", "--config", file.string()});
    EXPECT_EQ(r.exitCode, 2) << r.output;
    const auto f = file.string();
    EXPECT_NE(r.output.find(f + ":3:14: database.pool_size"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(f + ":5:11: server.listen"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("plugins[0].settings.check_timeout"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(f + ":10:5: plugins[1]: unknown plugin 'no-such-plugin'"), std::string::npos) << r.output;
}

TEST(CommandLine, ConfigCheckNamesABadTrustedProxyEntry) {
    TempDir dir;
    const auto file = writeConfig(dir,
                                  "server:\n"
                                  "  trusted_proxies:\n"
                                  "    - 10.0.0.0/8\n"
                                  "    - 10.0.0.0/99\n");
    const auto r = runOcomms({"config", "check", "--config", file.string()});
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find(file.string() + ":4:7: server.trusted_proxies[1]: '10.0.0.0/99'"), std::string::npos)
        << r.output;
}

TEST(CommandLine, ConfigCheckRejectsMalformedYamlWithItsPosition) {
    TempDir dir;
    const auto file = writeConfig(dir, "database:\n  url: [unclosed\n");
    const auto r = runOcomms({"config", "check", "--config", file.string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.output.find(file.string() + ":"), std::string::npos) << r.output;
}

TEST(CommandLine, PluginsListShowsLoadabilityAndHidesSecrets) {
    TempDir dir;
    const auto file = writeConfig(dir,
                                  "database:\n"
                                  "  url: \"postgresql://app:Sup3rSecretPw@127.0.0.1:1/db\"\n"
                                  "auth:\n"
                                  "  secret: \"AuthSecretThatMustNeverBeShown0123456789\"\n"
                                  "plugins:\n"
                                  "  - name: health\n"
                                  "  - name: missing-one\n"
                                  "    enabled: false\n");
    const auto r = runOcomms({"plugins", "list", "--config", file.string()});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("NAME"), std::string::npos);
    EXPECT_NE(r.output.find("health"), std::string::npos);
    EXPECT_NE(r.output.find(OCOMMS_TEST_PLUGIN_DIR "/health.so"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("unknown plugin 'missing-one'"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("Sup3rSecretPw"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("AuthSecretThatMustNeverBeShown"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ocomms::test
