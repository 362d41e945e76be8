#include "config/HostConfig.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

namespace ocomms::config {
namespace {

namespace fs = std::filesystem;

/// A YAML file in the temp folder, removed when the test ends.
class TempYaml {
public:
    explicit TempYaml(const std::string& content) {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("ocomms-host-config-test-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter++) + ".yaml");
        std::ofstream(path_) << content;
    }
    ~TempYaml() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    TempYaml(const TempYaml&) = delete;
    TempYaml& operator=(const TempYaml&) = delete;

    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/// Sets (or with nullopt unsets) environment variables for one test and restores them afterwards.
class ScopedEnv {
public:
    ScopedEnv(std::initializer_list<std::pair<const char*, std::optional<std::string>>> variables) {
        for (const auto& [name, value] : variables) {
            const char* old = std::getenv(name);
            saved_.emplace(name, old ? std::optional<std::string>(old) : std::nullopt);
            if (value) ::setenv(name, value->c_str(), 1);
            else ::unsetenv(name);
        }
    }
    ~ScopedEnv() {
        for (const auto& [name, value] : saved_) {
            if (value) ::setenv(name.c_str(), value->c_str(), 1);
            else ::unsetenv(name.c_str());
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::map<std::string, std::optional<std::string>> saved_;
};

/// The shipped file reads these; a developer's or CI's environment must not change what the tests see.
ScopedEnv withoutShippedVariables() {
    return {{"DATABASE_URL", std::nullopt}, {"REDIS_URL", std::nullopt},      {"AUTH_SECRET", std::nullopt},
            {"APP_URL", std::nullopt},      {"OCOMMS_LISTEN", std::nullopt},  {"OCOMMS_DATA_DIR", std::nullopt}};
}

HostConfig load(const std::string& yaml) {
    TempYaml file(yaml);
    return loadHostConfig(file.path());
}

/// Every issue of loading `yaml`, with the temporary file's name shown as "cfg".
std::vector<std::string> issuesOf(const std::string& yaml) {
    TempYaml file(yaml);
    try {
        loadHostConfig(file.path());
    } catch (const ConfigErrors& errors) {
        std::vector<std::string> lines;
        for (const auto& issue : errors.issues()) {
            EXPECT_EQ(issue.location.file, file.path().string());
            lines.push_back("cfg" + issue.toString().substr(file.path().string().size()));
        }
        return lines;
    }
    return {};
}

using Lines = std::vector<std::string>;

const char* const kShippedConfig = OCOMMS_TEST_SOURCE_DIR "/config/ocomms.yaml";

TEST(HostConfig, ShippedConfigLoadsCleanlyWithSqliteNoRedisHealthChatAndExport) {
    auto environment = withoutShippedVariables();
    HostConfig config;
    try {
        config = loadHostConfig(kShippedConfig);
    } catch (const ConfigErrors& errors) {
        FAIL() << errors.what();
    }
    EXPECT_EQ(config.database.url, "sqlite:var/ocomms.db");
    EXPECT_TRUE(config.redis.url.empty());
    EXPECT_TRUE(config.auth.secret.empty());
    EXPECT_EQ(config.dataDir, fs::current_path() / "var");
    EXPECT_EQ(config.server.listenHost, "0.0.0.0");
    EXPECT_EQ(config.server.listenPort, 8080);
    EXPECT_EQ(config.server.publicUrl, "http://localhost:8080");
    ASSERT_EQ(config.plugins.size(), 4U);
    EXPECT_EQ(config.plugins[0].name, "health");
    EXPECT_EQ(config.plugins[1].name, "chat");
    EXPECT_EQ(config.plugins[2].name, "export");
    EXPECT_EQ(config.plugins[3].name, "backup-trigger");
    for (const auto& plugin : config.plugins) {
        EXPECT_TRUE(plugin.enabled) << plugin.name;
        EXPECT_FALSE(plugin.optional) << plugin.name;
    }
}

TEST(HostConfig, ShippedConfigReadsTheDeploymentVariables) {
    ScopedEnv environment{{"DATABASE_URL", "postgresql://ocomms:pw@db:5432/ocomms"},
                          {"REDIS_URL", "redis://cache:6379/0"},
                          {"AUTH_SECRET", std::string(40, 'k')},
                          {"APP_URL", "https://chat.example.org"},
                          {"OCOMMS_LISTEN", "127.0.0.1:9090"},
                          {"OCOMMS_DATA_DIR", "/srv/ocomms"}};
    const auto config = loadHostConfig(kShippedConfig);
    EXPECT_EQ(config.database.url, "postgresql://ocomms:pw@db:5432/ocomms");
    EXPECT_EQ(config.redis.url, "redis://cache:6379/0");
    EXPECT_EQ(config.auth.secret, std::string(40, 'k'));
    EXPECT_EQ(config.server.publicUrl, "https://chat.example.org");
    EXPECT_EQ(config.server.listenHost, "127.0.0.1");
    EXPECT_EQ(config.server.listenPort, 9090);
    EXPECT_EQ(config.dataDir, fs::path("/srv/ocomms"));
}

TEST(HostConfig, EmptyMappingTakesEveryDefault) {
    const auto config = load("{}\n");
    EXPECT_EQ(config.dataDir, fs::current_path() / "var");
    EXPECT_EQ(config.server.listenHost, "0.0.0.0");
    EXPECT_EQ(config.server.listenPort, 8080);
    EXPECT_EQ(config.server.publicUrl, "http://localhost:8080");
    EXPECT_EQ(config.server.maxBodyBytes, 1 << 20);
    EXPECT_EQ(config.server.threads, 16);
    EXPECT_EQ(config.server.shutdownTimeout, std::chrono::seconds(10));
    EXPECT_EQ(config.server.keepAliveTimeout, std::chrono::seconds(15));
    EXPECT_EQ(config.database.url, "sqlite:var/ocomms.db");
    EXPECT_EQ(config.database.poolSize, 8);
    EXPECT_TRUE(config.database.autoMigrate);
    EXPECT_EQ(config.database.connectTimeout, std::chrono::seconds(30));
    EXPECT_EQ(config.database.acquireTimeout, std::chrono::seconds(5));
    EXPECT_TRUE(config.server.allowedOrigins.empty());
    EXPECT_EQ(config.realtime.threads, 0);
    EXPECT_EQ(config.realtime.workers, 4);
    EXPECT_EQ(config.realtime.maxMessageBytes, 65536);
    EXPECT_EQ(config.realtime.maxQueuedBytes, 4 * 1024 * 1024);
    EXPECT_EQ(config.realtime.pingInterval, std::chrono::seconds(25));
    EXPECT_EQ(config.realtime.idleTimeout, std::chrono::seconds(60));
    EXPECT_EQ(config.realtime.maxPendingMessages, 64);
    EXPECT_EQ(config.realtime.presenceTtl, std::chrono::seconds(30));
    EXPECT_EQ(config.realtime.ticketTtl, std::chrono::seconds(30));
    EXPECT_EQ(config.logging.level, "info");
    EXPECT_EQ(config.logging.format, "text");
    EXPECT_TRUE(config.logging.accessLog);
    EXPECT_TRUE(config.pluginDirs.empty());
    EXPECT_TRUE(config.plugins.empty());
}

TEST(HostConfig, ReadsTheRealtimeSectionAndAllowedOrigins) {
    const auto config = load(R"(server:
  allowed_origins: ["https://app.example.org", "http://localhost:3000", "*"]
realtime:
  threads: 2
  workers: 8
  max_message_bytes: 4096
  max_queued_bytes: 1048576
  ping_interval: 10s
  idle_timeout: 30s
  max_pending_messages: 16
  presence_ttl: 1m
  ticket_ttl: 15s
)");
    EXPECT_EQ(config.server.allowedOrigins,
              (std::vector<std::string>{"https://app.example.org", "http://localhost:3000", "*"}));
    EXPECT_EQ(config.realtime.threads, 2);
    EXPECT_EQ(config.realtime.workers, 8);
    EXPECT_EQ(config.realtime.maxMessageBytes, 4096);
    EXPECT_EQ(config.realtime.maxQueuedBytes, 1048576);
    EXPECT_EQ(config.realtime.pingInterval, std::chrono::seconds(10));
    EXPECT_EQ(config.realtime.idleTimeout, std::chrono::seconds(30));
    EXPECT_EQ(config.realtime.maxPendingMessages, 16);
    EXPECT_EQ(config.realtime.presenceTtl, std::chrono::minutes(1));
    EXPECT_EQ(config.realtime.ticketTtl, std::chrono::seconds(15));
}

TEST(HostConfig, MalformedAllowedOriginIsAnIssueNamingIt) {
    EXPECT_EQ(issuesOf("server:\n  allowed_origins:\n    - https://ok.example.org\n    - https://chat.example.org/\n"
                       "    - chat.example.org\n"),
              (Lines{R"(cfg:4:7: server.allowed_origins[1]: "https://chat.example.org/" is not an origin: an origin )"
                     R"(has no path, query or trailing slash (write it like https://chat.example.com or )"
                     R"(http://localhost:3000, or "*" for any))",
                     R"(cfg:5:7: server.allowed_origins[2]: "chat.example.org" is not an origin: expected )"
                     R"(scheme://host[:port] (write it like https://chat.example.com or http://localhost:3000, or )"
                     R"("*" for any))"}));
}

TEST(HostConfig, IdleTimeoutMustExceedThePingInterval) {
    EXPECT_EQ(issuesOf("realtime:\n  ping_interval: 30s\n  idle_timeout: 30s\n"),
              Lines{"cfg:3:17: realtime.idle_timeout: must be longer than realtime.ping_interval (idle_timeout 30s, "
                    "ping_interval 30s)"});
    EXPECT_TRUE(issuesOf("realtime:\n  ping_interval: 30s\n  idle_timeout: 31s\n").empty());
}

TEST(HostConfig, RealtimeBoundsAreChecked) {
    EXPECT_EQ(issuesOf("realtime:\n  threads: 65\n  workers: 0\n  max_message_bytes: 100\n"),
              (Lines{"cfg:2:12: realtime.threads: must be between 0 and 64 (got 65)",
                     "cfg:3:12: realtime.workers: must be between 1 and 256 (got 0)",
                     "cfg:4:22: realtime.max_message_bytes: must be between 1024 and 67108864 (got 100)"}));
}

TEST(HostConfig, ReadsEveryKey) {
    const auto config = load(R"(data_dir: /data/oc
server:
  listen: "[::1]:9443"
  public_url: https://chat.example.org
  max_body_bytes: 2048
  threads: 4
  shutdown_timeout: 0
  keepalive_timeout: 2m
database:
  url: postgres://db/ocomms
  pool_size: 3
  auto_migrate: false
  connect_timeout: 1s
  acquire_timeout: 10ms
logging: {level: debug, format: json, access_log: false}
plugin_dirs: [/opt/oc/plugins]
)");
    EXPECT_EQ(config.dataDir, fs::path("/data/oc"));
    EXPECT_EQ(config.server.listenHost, "::1");
    EXPECT_EQ(config.server.listenPort, 9443);
    EXPECT_EQ(config.server.publicUrl, "https://chat.example.org");
    EXPECT_EQ(config.server.maxBodyBytes, 2048);
    EXPECT_EQ(config.server.threads, 4);
    EXPECT_EQ(config.server.shutdownTimeout, std::chrono::milliseconds(0));
    EXPECT_EQ(config.server.keepAliveTimeout, std::chrono::minutes(2));
    EXPECT_EQ(config.database.url, "postgres://db/ocomms");
    EXPECT_EQ(config.database.poolSize, 3);
    EXPECT_FALSE(config.database.autoMigrate);
    EXPECT_EQ(config.database.connectTimeout, std::chrono::seconds(1));
    EXPECT_EQ(config.database.acquireTimeout, std::chrono::milliseconds(10));
    EXPECT_EQ(config.logging.level, "debug");
    EXPECT_EQ(config.logging.format, "json");
    EXPECT_FALSE(config.logging.accessLog);
    EXPECT_EQ(config.pluginDirs, std::vector<fs::path>{"/opt/oc/plugins"});
}

TEST(HostConfig, RelativePathsResolveAgainstTheWorkingDirectory) {
    const auto config = load(R"(data_dir: state/
database: {url: "sqlite:state/x.db"}
plugin_dirs: [build/plugins, /abs/plugins]
plugins:
  - name: extra
    file: ./lib/libextra.so
)");
    EXPECT_EQ(config.dataDir, fs::current_path() / "state");
    EXPECT_EQ(config.pluginDirs, (std::vector<fs::path>{fs::current_path() / "build/plugins", "/abs/plugins"}));
    ASSERT_EQ(config.plugins.size(), 1U);
    EXPECT_EQ(config.plugins[0].file, (fs::current_path() / "lib/libextra.so").string());
    EXPECT_EQ(config.database.url, "sqlite:state/x.db");  // the database layer resolves it
}

TEST(HostConfig, PluginEntriesKeepTheirSettingsAndLocations) {
    TempYaml file(R"(plugins:
  - name: health
  - name: backup-trigger
    enabled: false
    optional: true
    settings:
      keep: 7
      when: ${NOT_SUBSTITUTED_HERE}
)");
    const auto config = loadHostConfig(file.path());
    ASSERT_EQ(config.plugins.size(), 2U);
    const auto& health = config.plugins[0];
    EXPECT_EQ(health.keyPath, "plugins[0]");
    EXPECT_EQ(health.location.line, 2);
    EXPECT_EQ(health.location.column, 5);
    EXPECT_EQ(health.location.file, file.path().string());
    EXPECT_EQ(health.settingsLocation.line, 2);
    EXPECT_TRUE(!health.settings.IsDefined() || health.settings.IsNull());

    const auto& backup = config.plugins[1];
    EXPECT_EQ(backup.name, "backup-trigger");
    EXPECT_EQ(backup.keyPath, "plugins[1]");
    EXPECT_FALSE(backup.enabled);
    EXPECT_TRUE(backup.optional);
    EXPECT_EQ(backup.location.line, 3);
    EXPECT_EQ(backup.settingsLocation.line, 7);
    EXPECT_EQ(backup.settingsLocation.column, 7);
    ASSERT_TRUE(backup.settings.IsMap());
    EXPECT_EQ(backup.settings["keep"].as<int>(), 7);
    // The plugin's own schema validation substitutes later; substituting twice would break `$$`.
    EXPECT_EQ(backup.settings["when"].as<std::string>(), "${NOT_SUBSTITUTED_HERE}");
}

TEST(HostConfig, UnknownKeysAreIssuesAtTheirKey) {
    EXPECT_EQ(issuesOf("server:\n  threads: 4\n  thread: 5\nloging: {}\n"),
              (Lines{"cfg:3:3: server.thread: unknown key 'thread', did you mean 'threads'? (expected one of: "
                     "listen, public_url, max_body_bytes, threads, shutdown_timeout, keepalive_timeout, trusted_proxies, "
                     "allowed_origins)",
                     "cfg:4:1: loging: unknown key 'loging', did you mean 'logging'? (expected one of: data_dir, "
                     "server, database, redis, auth, realtime, logging, plugin_dirs, plugins)"}));
}

TEST(HostConfig, WrongTypeIsAnIssueAtTheValue) {
    EXPECT_EQ(issuesOf("database:\n  pool_size: eight\n"),
              Lines{R"(cfg:2:14: database.pool_size: must be an integer (got "eight"))"});
}

TEST(HostConfig, OutOfRangeIsAnIssueNamingTheBounds) {
    EXPECT_EQ(issuesOf("database:\n  pool_size: 0\nserver:\n  keepalive_timeout: 500ms\n"),
              (Lines{"cfg:2:14: database.pool_size: must be between 1 and 256 (got 0)",
                     "cfg:4:22: server.keepalive_timeout: must be between 1s and 10m (got 500ms)"}));
}

TEST(HostConfig, PluginWithoutNameIsMissingARequiredKey) {
    EXPECT_EQ(issuesOf("plugins:\n  - enabled: true\n"), Lines{"cfg:2:5: plugins[0].name: is required"});
}

TEST(HostConfig, BadListenAddressesAreIssues) {
    EXPECT_EQ(issuesOf("server:\n  listen: 8080\n"),
              Lines{R"(cfg:2:11: server.listen: must be HOST:PORT such as 0.0.0.0:8080 or [::1]:8080 (got "8080"))"});
    EXPECT_EQ(issuesOf("server:\n  listen: \"0.0.0.0:70000\"\n"),
              Lines{"cfg:2:11: server.listen: port must be between 1 and 65535 (got 70000)"});
    for (const char* bad : {":8080", "host:", "host:0", "::1:8080", "[::1]8080", "[::1]", "a b:80", "h:80x"}) {
        EXPECT_EQ(issuesOf("server: {listen: \"" + std::string(bad) + "\"}\n").size(), 1U) << bad;
    }
}

TEST(HostConfig, PublicUrlMustBeHttp) {
    EXPECT_EQ(issuesOf("server:\n  public_url: localhost:8080\n"),
              Lines{R"(cfg:2:15: server.public_url: must start with http:// or https:// (got "localhost:8080"))"});
    EXPECT_EQ(issuesOf("server:\n  public_url: \"https://:8080/chat\"\n"),
              Lines{R"(cfg:2:15: server.public_url: the host is missing or malformed (got "https://:8080/chat"))"});
}

TEST(HostConfig, MalformedYamlIsAnIssueWithItsPosition) {
    EXPECT_EQ(issuesOf("server:\n  listen: [1, 2\ndatabase: {}\n"),
              Lines{"cfg:3:9: malformed YAML: end of sequence flow not found"});
    EXPECT_EQ(issuesOf("a: 1\n b: 2\n"), Lines{"cfg:2:3: malformed YAML: illegal map value"});
}

TEST(HostConfig, DuplicatePluginNamesNameBothLines) {
    EXPECT_EQ(issuesOf("plugins:\n  - name: health\n  - name: chat\n  - name: health\n    enabled: false\n"),
              Lines{"cfg:4:11: plugins[2].name: plugin 'health' is listed twice (lines 2 and 4)"});
}

TEST(HostConfig, UnsetVariableIsAnIssueNamingItAndTheLocation) {
    ScopedEnv environment{{"OCOMMS_HOST_CONFIG_TEST_UNSET", std::nullopt}};
    EXPECT_EQ(issuesOf("logging:\n  level: info\n  format: \"${OCOMMS_HOST_CONFIG_TEST_UNSET}\"\n"),
              Lines{"cfg:3:11: logging.format: environment variable 'OCOMMS_HOST_CONFIG_TEST_UNSET' is not set "
                    "(write '${OCOMMS_HOST_CONFIG_TEST_UNSET:-default}' to give a default)"});
}

TEST(HostConfig, SetVariablesAreTypedAfterSubstitution) {
    ScopedEnv environment{{"OCOMMS_HOST_CONFIG_TEST_THREADS", "3"}, {"OCOMMS_HOST_CONFIG_TEST_NAME", "chat"}};
    const auto config = load("server: {threads: \"${OCOMMS_HOST_CONFIG_TEST_THREADS}\"}\n"
                             "plugins: [{name: \"${OCOMMS_HOST_CONFIG_TEST_NAME}\", enabled: \"${UNSET_X:-false}\"}]\n");
    EXPECT_EQ(config.server.threads, 3);
    ASSERT_EQ(config.plugins.size(), 1U);
    EXPECT_EQ(config.plugins[0].name, "chat");
    EXPECT_FALSE(config.plugins[0].enabled);
}

TEST(HostConfig, MissingFileIsAnIssueNamingIt) {
    const fs::path missing = fs::temp_directory_path() / "ocomms-host-config-test-does-not-exist.yaml";
    try {
        loadHostConfig(missing);
        FAIL() << "expected ConfigErrors";
    } catch (const ConfigErrors& errors) {
        ASSERT_EQ(errors.issues().size(), 1U);
        EXPECT_EQ(errors.issues()[0].toString(),
                  missing.string() + ": cannot read the configuration file: No such file or directory");
    }
}

TEST(HostConfig, FolderIsNotAConfigurationFile) {
    try {
        loadHostConfig(fs::temp_directory_path());
        FAIL() << "expected ConfigErrors";
    } catch (const ConfigErrors& errors) {
        ASSERT_EQ(errors.issues().size(), 1U);
        EXPECT_NE(errors.issues()[0].message.find("is a folder"), std::string::npos);
    }
}

TEST(HostConfig, EmptyFileOrNonMappingRootIsAnIssue) {
    EXPECT_EQ(issuesOf(""), Lines{"cfg: the file is empty (expected settings such as 'server:' and 'plugins:')"});
    EXPECT_EQ(issuesOf("# only a comment\n"),
              Lines{"cfg: the file is empty (expected settings such as 'server:' and 'plugins:')"});
    EXPECT_EQ(issuesOf("- a\n- b\n"),
              Lines{"cfg:1:1: the top level must be a mapping of settings such as 'server:' (got a list)"});
    EXPECT_EQ(issuesOf("just text\n"),
              Lines{R"(cfg:1:1: the top level must be a mapping of settings such as 'server:' (got "just text"))"});
    EXPECT_EQ(issuesOf("a: 1\n---\nb: 2\n"),
              Lines{"cfg:3:1: holds more than one YAML document (remove the '---' separating them)"});
}

TEST(HostConfig, TrailingDocumentMarkerIsHarmless) {
    EXPECT_EQ(load("---\nserver: {threads: 2}\n---\n").server.threads, 2);
}

TEST(HostConfig, PluginEntryShapeIsChecked) {
    EXPECT_EQ(issuesOf("plugins: health\n"),
              Lines{R"(cfg:1:10: plugins: must be a list of entries such as '- name: health' (got "health"))"});
    EXPECT_EQ(issuesOf(R"(plugins:
  - health
  - name: Chat
  - name: export
    enabeld: true
    settings: [1]
)"),
              (Lines{R"(cfg:2:5: plugins[0]: must be a mapping such as 'name: health' (got "health"))",
                     R"(cfg:3:11: plugins[1].name: must be lowercase letters, digits and '-', starting with a letter (got "Chat"))",
                     "cfg:5:5: plugins[2].enabeld: unknown key 'enabeld', did you mean 'enabled'? (expected one of: "
                     "name, enabled, optional, file, settings)",
                     "cfg:6:15: plugins[2].settings: must be a mapping of the plugin's settings (got a list)"}));
}

TEST(HostConfig, AbsentOrEmptyPluginsMeansNone) {
    EXPECT_TRUE(load("plugins:\n").plugins.empty());
    EXPECT_TRUE(load("plugins: []\n").plugins.empty());
}

TEST(HostConfig, EveryIssueIsReportedAtOnceInDocumentOrder) {
    TempYaml file(R"(data_dir: ""
server:
  threads: 0
  listen: nowhere
database:
  pool_size: many
logging:
  level: loud
colour: blue
plugins:
  - name: health
  - name: health
)");
    try {
        loadHostConfig(file.path());
        FAIL() << "expected ConfigErrors";
    } catch (const ConfigErrors& errors) {
        std::vector<std::string> keyPaths;
        for (const auto& issue : errors.issues()) keyPaths.push_back(issue.keyPath);
        EXPECT_EQ(keyPaths, (Lines{"data_dir", "server.threads", "server.listen", "database.pool_size",
                                   "logging.level", "colour", "plugins[1].name"}));
        const std::string what = errors.what();
        EXPECT_EQ(what.rfind("7 configuration problems:\n  " + file.path().string() + ":1:11: data_dir: ", 0), 0U)
            << what;
        for (const auto& issue : errors.issues()) EXPECT_NE(what.find(issue.toString()), std::string::npos);
    }
}

TEST(HostConfig, SecretValuesNeverAppearInMessages) {
    const std::string secret = "Hunter2SecretPassword";
    TempYaml file("database:\n  url: \"mysql://admin:" + secret + "@db/x\"\n  pool_size: NotASecret\nredis:\n  url: \"http://:" + secret + "@cache\"\nauth:\n  secret: \"" + secret +
                  "\"\nserver:\n  threads: 0\n");
    try {
        loadHostConfig(file.path());
        FAIL() << "expected ConfigErrors";
    } catch (const ConfigErrors& errors) {
        ASSERT_EQ(errors.issues().size(), 5U) << errors.what();
        EXPECT_EQ(std::string(errors.what()).find(secret), std::string::npos) << errors.what();
        for (const auto& issue : errors.issues()) EXPECT_EQ(issue.toString().find(secret), std::string::npos);
        // The one non-secret value among them is still quoted.
        EXPECT_NE(std::string(errors.what()).find(R"(pool_size: must be an integer (got "NotASecret"))"),
                  std::string::npos);
    }
}

TEST(HostConfig, SecretUrlsAndAuthSecretRules) {
    EXPECT_EQ(issuesOf("database: {url: \"mysql://x\"}\nredis: {url: \"http://x\"}\nauth: {secret: short}\n"),
              (Lines{"cfg:1:17: database.url: must start with sqlite:, postgresql:// or postgres://",
                     "cfg:2:14: redis.url: must be empty (no Redis) or start with redis://",
                     "cfg:3:16: auth.secret: must be empty or at least 32 characters long"}));
    EXPECT_EQ(issuesOf("database: {url: \"\"}\n"), Lines{"cfg:1:17: database.url: must not be empty"});
}

TEST(ConfigIssue, ToStringLeavesOutWhatIsUnknown) {
    EXPECT_EQ((ConfigIssue{{"a.yaml", 12, 5}, "database.pool_size", "must be between 1 and 256 (got 0)"}).toString(),
              "a.yaml:12:5: database.pool_size: must be between 1 and 256 (got 0)");
    EXPECT_EQ((ConfigIssue{{"a.yaml", 0, 0}, "", "cannot read"}).toString(), "a.yaml: cannot read");
    EXPECT_EQ((ConfigIssue{{"a.yaml", 3, 0}, "k", "m"}).toString(), "a.yaml:3: k: m");
    EXPECT_EQ((ConfigIssue{{"", 0, 0}, "k", "m"}).toString(), "k: m");
}

TEST(ConfigIssue, ErrorsWithOneIssueReadAsThatIssue) {
    ConfigErrors errors({ConfigIssue{{"a.yaml", 1, 2}, "x", "is required"}});
    EXPECT_STREQ(errors.what(), "a.yaml:1:2: x: is required");
}

}  // namespace
}  // namespace ocomms::config
