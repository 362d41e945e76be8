// The host's configuration, loaded from one YAML file and validated as a whole.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/ConfigError.hpp"

namespace ocomms::config {

struct ServerConfig {
    std::string listenHost = "0.0.0.0";
    std::uint16_t listenPort = 8080;
    std::string publicUrl;
    std::int64_t maxBodyBytes = 1 << 20;
    int threads = 16;
    std::chrono::milliseconds shutdownTimeout{10000};
    std::chrono::milliseconds keepAliveTimeout{15000};
    std::vector<std::string> trustedProxies;  ///< addresses or CIDR ranges
    /// Origins allowed to open WebSockets from a browser besides publicUrl's ("*": any); validated.
    std::vector<std::string> allowedOrigins;
};

struct DatabaseConfig {
    std::string url;  ///< secret: may hold a password; print only through redactDatabaseUrl()
    int poolSize = 8;
    bool autoMigrate = true;
    std::chrono::milliseconds connectTimeout{30000};  ///< how long start-up retries an unreachable server
    std::chrono::milliseconds acquireTimeout{5000};   ///< how long a request waits for a pooled session
};

struct RedisConfig {
    std::string url;  ///< empty: no Redis
    std::string prefix = "ocomms:";  ///< of every key and pub/sub channel: nodes of one instance share it
};

struct AuthConfig {
    std::string secret;  ///< secret
    bool openRegistration = false;
    std::chrono::milliseconds sessionTtl{30LL * 24 * 3600 * 1000};
    std::chrono::milliseconds inviteTtl{7LL * 24 * 3600 * 1000};
    std::int64_t passwordMemoryKib = 19 * 1024;
    std::int64_t passwordIterations = 2;
    int loginAttemptsPerAccount = 10;
    int loginAttemptsPerAddress = 10;
    std::chrono::milliseconds loginWindow{60000};
};

struct RealtimeConfig {
    int threads = 0;  ///< event-loop threads; 0: one per CPU core
    int workers = 4;
    std::int64_t maxMessageBytes = 64 * 1024;
    std::int64_t maxQueuedBytes = 4 * 1024 * 1024;
    std::chrono::milliseconds pingInterval{25000};
    std::chrono::milliseconds idleTimeout{60000};  ///< longer than pingInterval
    int maxPendingMessages = 64;
    std::chrono::milliseconds presenceTtl{30000};
    std::chrono::milliseconds ticketTtl{30000};
    std::chrono::milliseconds accessCheckInterval{30000};
};

struct LoggingConfig {
    std::string level = "info";  ///< debug | info | warn | error
    std::string format = "text"; ///< text | json
    bool accessLog = true;
};

/// One entry of `plugins:`.
struct PluginEntry {
    std::string name;
    bool enabled = true;
    bool optional = false;
    std::string file;      ///< explicit path to the .so; empty: searched in the plugin directories
    YAML::Node settings;   ///< the raw `settings` subtree (validated later against the plugin's schema)
    SourceLocation location;           ///< of the entry itself
    SourceLocation settingsLocation;   ///< of its `settings` (or of the entry when absent)
    std::string keyPath;               ///< e.g. "plugins[2]"
};

struct HostConfig {
    std::filesystem::path file;      ///< the YAML file this came from
    std::filesystem::path dataDir;   ///< absolute
    ServerConfig server;
    DatabaseConfig database;
    RedisConfig redis;
    AuthConfig auth;
    RealtimeConfig realtime;
    LoggingConfig logging;
    std::vector<std::filesystem::path> pluginDirs;  ///< `plugin_dirs:` (absolute), searched before the defaults
    std::vector<PluginEntry> plugins;
};

/// Every issue of the file, and the configuration: complete when there are no issues, otherwise only the
/// parts that could be read (the plugin entries and folders), so that `config check` can check plugins too.
struct HostConfigReading {
    std::vector<ConfigIssue> issues;
    HostConfig config;
};
HostConfigReading readHostConfig(const std::filesystem::path& file);

/// Reads, substitutes `${VAR}` / `${VAR:-default}` from the environment, and validates `file`.
/// Throws ConfigErrors holding every problem found (not only the first).
HostConfig loadHostConfig(const std::filesystem::path& file);

}  // namespace ocomms::config
