#include "config/HostConfig.hpp"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "config/ConfigDocument.hpp"
#include "config/CoreChecks.hpp"
#include "config/CoreSchema.hpp"
#include "config/ListenAddress.hpp"
#include "config/PluginEntries.hpp"
#include "config/SchemaValidator.hpp"
#include "config/YamlNodes.hpp"

namespace ocomms::config {

namespace {

using nlohmann::json;

std::filesystem::path fromWorkingDirectory(const std::string& path) {
    auto absolute = std::filesystem::absolute(path).lexically_normal();
    // "var/" normalises to "/cwd/var/"; callers compare and join paths, so drop the trailing separator.
    if (!absolute.has_filename() && absolute.has_parent_path() && absolute != absolute.root_path())
        absolute = absolute.parent_path();
    return absolute;
}

std::chrono::milliseconds milliseconds(const json& value) {
    return std::chrono::milliseconds(value.get<std::int64_t>());
}

// Reading follows the document, so issues are listed in the order a reader meets them.
void sortByPosition(std::vector<ConfigIssue>& issues) {
    std::stable_sort(issues.begin(), issues.end(), [](const ConfigIssue& a, const ConfigIssue& b) {
        return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
    });
}

/// Only called once validation found nothing wrong, so every key is present and typed.
HostConfig assemble(const std::filesystem::path& file, const json& values, std::vector<PluginEntry> plugins) {
    HostConfig config;
    config.file = file;
    config.dataDir = fromWorkingDirectory(values.at("data_dir").get<std::string>());

    const json& server = values.at("server");
    const auto listen = parseListenAddress(server.at("listen").get<std::string>()).address;
    config.server.listenHost = listen.host;
    config.server.listenPort = listen.port;
    config.server.publicUrl = server.at("public_url").get<std::string>();
    config.server.maxBodyBytes = server.at("max_body_bytes").get<std::int64_t>();
    config.server.threads = server.at("threads").get<int>();
    config.server.shutdownTimeout = milliseconds(server.at("shutdown_timeout"));
    config.server.keepAliveTimeout = milliseconds(server.at("keepalive_timeout"));
    config.server.trustedProxies = server.at("trusted_proxies").get<std::vector<std::string>>();
    config.server.allowedOrigins = server.at("allowed_origins").get<std::vector<std::string>>();

    const json& database = values.at("database");
    config.database.url = database.at("url").get<std::string>();
    config.database.poolSize = database.at("pool_size").get<int>();
    config.database.autoMigrate = database.at("auto_migrate").get<bool>();
    config.database.connectTimeout = milliseconds(database.at("connect_timeout"));
    config.database.acquireTimeout = milliseconds(database.at("acquire_timeout"));

    config.redis.url = values.at("redis").at("url").get<std::string>();
    config.redis.prefix = values.at("redis").at("prefix").get<std::string>();
    const json& auth = values.at("auth");
    config.auth.secret = auth.at("secret").get<std::string>();
    config.auth.openRegistration = auth.at("open_registration").get<bool>();
    config.auth.sessionTtl = milliseconds(auth.at("session_ttl"));
    config.auth.inviteTtl = milliseconds(auth.at("invite_ttl"));
    config.auth.passwordMemoryKib = auth.at("password_hash").at("memory_kib").get<std::int64_t>();
    config.auth.passwordIterations = auth.at("password_hash").at("iterations").get<std::int64_t>();
    config.auth.loginAttemptsPerAccount = auth.at("login_limit").at("per_account").get<int>();
    config.auth.loginAttemptsPerAddress = auth.at("login_limit").at("per_address").get<int>();
    config.auth.loginWindow = milliseconds(auth.at("login_limit").at("window"));

    const json& realtime = values.at("realtime");
    config.realtime.threads = realtime.at("threads").get<int>();
    config.realtime.workers = realtime.at("workers").get<int>();
    config.realtime.maxMessageBytes = realtime.at("max_message_bytes").get<std::int64_t>();
    config.realtime.maxQueuedBytes = realtime.at("max_queued_bytes").get<std::int64_t>();
    config.realtime.pingInterval = milliseconds(realtime.at("ping_interval"));
    config.realtime.idleTimeout = milliseconds(realtime.at("idle_timeout"));
    config.realtime.maxPendingMessages = realtime.at("max_pending_messages").get<int>();
    config.realtime.presenceTtl = milliseconds(realtime.at("presence_ttl"));
    config.realtime.ticketTtl = milliseconds(realtime.at("ticket_ttl"));
    config.realtime.accessCheckInterval = milliseconds(realtime.at("access_check_interval"));

    const json& logging = values.at("logging");
    config.logging.level = logging.at("level").get<std::string>();
    config.logging.format = logging.at("format").get<std::string>();
    config.logging.accessLog = logging.at("access_log").get<bool>();

    for (const auto& dir : values.at("plugin_dirs"))
        config.pluginDirs.push_back(fromWorkingDirectory(dir.get<std::string>()));
    for (auto& plugin : plugins) {
        if (!plugin.file.empty()) plugin.file = fromWorkingDirectory(plugin.file).string();
    }
    config.plugins = std::move(plugins);
    return config;
}

}  // namespace

HostConfigReading readHostConfig(const std::filesystem::path& file) {
    const std::string name = file.string();
    HostConfigReading reading;
    reading.config.file = file;
    auto root = readConfigDocument(file, reading.issues);
    if (!root) return reading;

    const SourceLocation top = locationOf(*root, name, {name, 1, 1});
    auto validation = validateSettings(*root, coreSchema(), name, "", top, {"plugins"});
    reading.issues = std::move(validation.issues);
    auto coreIssues = checkCoreValues(validation.values, *root, name);
    reading.issues.insert(reading.issues.end(), coreIssues.begin(), coreIssues.end());

    const YAML::Node& document = *root;
    auto plugins = readPluginEntries(document["plugins"], name, locateValue(document, {"plugins"}, name, top),
                                     reading.issues);

    if (reading.issues.empty()) {
        reading.config = assemble(file, validation.values, std::move(plugins));
        return reading;
    }
    sortByPosition(reading.issues);
    // What could be read despite the problems, so that `config check` can check the plugins as well.
    for (auto& plugin : plugins)
        if (!plugin.file.empty()) plugin.file = fromWorkingDirectory(plugin.file).string();
    reading.config.plugins = std::move(plugins);
    if (const auto dirs = validation.values.find("plugin_dirs"); dirs != validation.values.end() && dirs->is_array())
        for (const auto& dir : *dirs)
            if (dir.is_string()) reading.config.pluginDirs.push_back(fromWorkingDirectory(dir.get<std::string>()));
    return reading;
}

HostConfig loadHostConfig(const std::filesystem::path& file) {
    auto reading = readHostConfig(file);
    if (!reading.issues.empty()) throw ConfigErrors(std::move(reading.issues));
    return std::move(reading.config);
}

}  // namespace ocomms::config
