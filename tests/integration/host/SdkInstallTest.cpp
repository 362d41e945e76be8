// The SDK as a third-party author meets it: install the host, build plugins/examples/hello out of tree
// against the installed package, and run the installed host with it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

void mustSucceed(const std::vector<std::string>& argv) {
    const auto r = runCommand(argv);
    ASSERT_EQ(r.exitCode, 0) << "command failed: " << argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << "\n"
                             << r.output;
}

TEST(SdkInstall, OutOfTreePluginBuildsAndServesAgainstTheInstalledHost) {
    TempDir work;
    const auto prefix = work.path() / "prefix";
    const auto helloBuild = work.path() / "hello-build";

    mustSucceed({"cmake", "--install", OCOMMS_TEST_BUILD_DIR, "--prefix", prefix.string()});
    for (const auto* installed : {"bin/ocomms", "include/ocomms/plugin.hpp", "lib/cmake/OComms/OCommsConfig.cmake",
                                  "lib/ocomms/plugins/health.so", "lib/ocomms/plugins/chat.so",
                                  "lib/ocomms/plugins/export.so", "lib/ocomms/plugins/backup-trigger.so",
                                  "share/ocomms/config/ocomms.yaml", "share/ocomms/config/ocomms.compose.yaml"})
        ASSERT_TRUE(std::filesystem::exists(prefix / installed)) << installed;

    mustSucceed({"cmake", "-S", OCOMMS_TEST_SOURCE_DIR "/plugins/examples/hello", "-B", helloBuild.string(),
                 "-DCMAKE_PREFIX_PATH=" + prefix.string(), "-DCMAKE_BUILD_TYPE=RelWithDebInfo"});
    mustSucceed({"cmake", "--build", helloBuild.string()});
    ASSERT_TRUE(std::filesystem::exists(helloBuild / "hello.so"));

    auto database = TestDatabase::sqlite();
    ServerOptions options;
    options.binary = prefix / "bin/ocomms";
    options.databaseUrl = database.url();
    // health comes from the installed plugin folder, found relative to the installed binary.
    options.pluginsYaml = "  - name: health\n  - name: hello\n    file: \"" + (helloBuild / "hello.so").string() +
                          "\"\n    settings:\n      greeting: bonjour\n";
    ServerProcess server(options);
    server.start();

    const auto ping = server.get("/api/plugins/hello/ping");
    ASSERT_EQ(ping.status, 200) << ping.body << server.output();
    const auto body = nlohmann::json::parse(ping.body);
    EXPECT_EQ(body["greeting"], "bonjour");
    EXPECT_EQ(body["count"], 1);  // its own migration created the table it writes to
    EXPECT_EQ(nlohmann::json::parse(server.get("/api/plugins/hello/ping").body)["count"], 2);

    const auto health = nlohmann::json::parse(server.get("/api/health").body);
    EXPECT_EQ(health["checks"]["hello"]["status"], "ok");
    EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace ocomms::test
