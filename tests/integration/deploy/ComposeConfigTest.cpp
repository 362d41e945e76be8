// docker/compose.yaml as Debian's docker-compose reads it (no Docker engine runs on these machines):
// valid with docker/.env.example filled in, refused without the required values, and shaped as the
// deployment needs (four health-checked services started in order, named volumes, backups shared).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "support/ServerProcess.hpp"

namespace ocomms::test {
namespace {

const std::filesystem::path kDocker = OCOMMS_TEST_SOURCE_DIR "/docker";

/// .env.example with the required values filled in, as an operator would.
std::filesystem::path filledEnvFile(const TempDir& dir, const std::string& dbPassword) {
    std::ifstream example(kDocker / ".env.example");
    std::ostringstream filled;
    for (std::string line; std::getline(example, line);) {
        if (line == "DB_PASSWORD=") line += dbPassword;
        if (line == "AUTH_SECRET=") line += std::string(64, 'a');
        filled << line << '\n';
    }
    const auto path = dir.path() / "compose.env";
    std::ofstream(path) << filled.str();
    return path;
}

/// `docker-compose config` of `file`: its exit code, and stdout in `yaml` (stderr apart, in the result).
CommandResult composeConfig(const TempDir& dir, const std::string& file, const std::filesystem::path& envFile,
                            YAML::Node* yaml = nullptr) {
    const auto out = dir.path() / "config.yaml";
    auto result = runCommand({"sh", "-c", "exec docker-compose -f \"$1\" --env-file \"$2\" config > \"$3\"", "sh",
                              (kDocker / file).string(), envFile.string(), out.string()});
    if (yaml != nullptr && result.exitCode == 0) *yaml = YAML::LoadFile(out.string());
    return result;
}

/// Where a volume entry is mounted: docker-compose 1 prints "source:target:mode", Compose 2 a map.
std::string mountTarget(const YAML::Node& volume) {
    if (volume.IsMap()) return volume["target"].as<std::string>();
    const auto text = volume.as<std::string>();
    const auto first = text.find(':');
    return text.substr(first + 1, text.find(':', first + 1) - first - 1);
}

/// The host address a port entry binds: "127.0.0.1:5432:5432" (docker-compose 1) or a map (Compose 2).
std::string publishedOn(const YAML::Node& port) {
    if (port.IsMap()) return port["host_ip"] ? port["host_ip"].as<std::string>() : "";
    const auto text = port.as<std::string>();
    const auto parts = std::count(text.begin(), text.end(), ':');
    return parts == 2 ? text.substr(0, text.find(':')) : "";
}

TEST(ComposeConfig, TheStackIsValidWithTheExampleEnvironmentFilledIn) {
    TempDir dir;
    YAML::Node config;
    const auto result = composeConfig(dir, "compose.yaml", filledEnvFile(dir, "s3cret"), &config);
    ASSERT_EQ(result.exitCode, 0) << result.output;

    const auto services = config["services"];
    for (const char* name : {"nginx", "app", "db", "redis"}) {
        ASSERT_TRUE(services[name]) << name;
        EXPECT_TRUE(services[name]["healthcheck"]["test"]) << name << " has no healthcheck";
        EXPECT_TRUE(services[name]["restart"]) << name << " has no restart policy";
    }
    EXPECT_EQ(services["app"]["depends_on"]["db"]["condition"].as<std::string>(), "service_healthy");
    EXPECT_EQ(services["app"]["depends_on"]["redis"]["condition"].as<std::string>(), "service_healthy");
    EXPECT_EQ(services["nginx"]["depends_on"]["app"]["condition"].as<std::string>(), "service_healthy");
    EXPECT_EQ(services["app"]["environment"]["DATABASE_URL"].as<std::string>(),
              "postgresql://ocomms:s3cret@db:5432/ocomms");
    EXPECT_TRUE(services["app"]["read_only"].as<bool>());
    for (const char* volume : {"db-data", "redis-data", "app-data"}) EXPECT_TRUE(config["volumes"][volume]) << volume;

    // Only nginx is published.
    EXPECT_TRUE(services["nginx"]["ports"]);
    for (const char* name : {"app", "db", "redis"}) EXPECT_FALSE(services[name]["ports"]) << name;

    // The backups folder is shared by the app (the plugin) and the database (the scripts).
    std::string dbMounts;
    for (const auto& volume : services["db"]["volumes"]) dbMounts += mountTarget(volume) + " ";
    EXPECT_NE(dbMounts.find("/backups/backup.sh"), std::string::npos) << dbMounts;
    EXPECT_NE(dbMounts.find("/backups/restore.sh"), std::string::npos) << dbMounts;
    std::string appMounts;
    for (const auto& volume : services["app"]["volumes"]) appMounts += mountTarget(volume) + " ";
    EXPECT_NE(appMounts.find("/backups"), std::string::npos) << appMounts;
}

TEST(ComposeConfig, TheStackRefusesToStartWithoutARequiredValueAndNamesIt) {
    TempDir dir;
    const auto result = composeConfig(dir, "compose.yaml", filledEnvFile(dir, ""));
    EXPECT_NE(result.exitCode, 0);
    EXPECT_NE(result.output.find("DB_PASSWORD"), std::string::npos) << result.output;
}

TEST(ComposeConfig, TheDevelopmentDatabasesArePublishedOnLoopbackOnly) {
    TempDir dir;
    YAML::Node config;
    const auto result = composeConfig(dir, "compose.dev.yaml", filledEnvFile(dir, "s3cret"), &config);
    ASSERT_EQ(result.exitCode, 0) << result.output;
    for (const char* name : {"db", "redis"}) {
        for (const auto& port : config["services"][name]["ports"]) {
            EXPECT_EQ(publishedOn(port), "127.0.0.1") << name;
        }
    }
}

}  // namespace
}  // namespace ocomms::test
