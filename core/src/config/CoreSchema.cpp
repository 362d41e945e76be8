#include "config/CoreSchema.hpp"

namespace ocomms::config {

namespace {

constexpr std::int64_t kKibibyte = 1024;
constexpr std::int64_t kGibibyte = kKibibyte * kKibibyte * kKibibyte;
constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;

SettingsSchema serverSchema() {
    return {
        Setting::string("listen").nonEmpty().defaultTo("0.0.0.0:8080")
            .describe("HOST:PORT to accept HTTP and WebSocket connections on; [::1]:8080 for IPv6"),
        Setting::string("public_url").defaultTo("http://localhost:8080")
            .describe("the address users reach the server at, starting with http:// or https://"),
        Setting::integer("max_body_bytes").range(kKibibyte, kGibibyte).defaultTo(1 << 20)
            .describe("largest request body accepted, in bytes"),
        Setting::integer("threads").range(1, 512).defaultTo(16).describe("HTTP worker threads"),
        Setting::duration("shutdown_timeout").range(0, 5 * kMinute).defaultTo("10s")
            .describe("how long a stop waits for requests in flight"),
        Setting::duration("keepalive_timeout").range(kSecond, 10 * kMinute).defaultTo("15s")
            .describe("how long an idle HTTP connection is kept open"),
        Setting::stringList("trusted_proxies").defaultTo(nlohmann::json::array())
            .describe("proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client"),
        Setting::stringList("allowed_origins").defaultTo(nlohmann::json::array())
            .describe("origins (scheme://host[:port]) whose pages may open WebSockets, besides public_url's; "
                      "\"*\": any (for development only)"),
    };
}

SettingsSchema databaseSchema() {
    return {
        Setting::string("url").nonEmpty().secret().defaultTo("sqlite:var/ocomms.db")
            .describe("sqlite:PATH or postgresql://user:password@host:port/database"),
        Setting::integer("pool_size").range(1, 256).defaultTo(8).describe("database sessions kept open"),
        Setting::boolean("auto_migrate").defaultTo(true).describe("apply pending migrations at start-up"),
        Setting::duration("connect_timeout").range(0, 10 * kMinute).defaultTo("30s")
            .describe("how long start-up retries an unreachable database server"),
        Setting::duration("acquire_timeout").range(10, 5 * kMinute).defaultTo("5s")
            .describe("how long a request waits for a pooled session"),
    };
}

SettingsSchema redisSchema() {
    return {
        Setting::string("url").secret().defaultTo("")
            .describe("redis://[:password@]host[:port][/db]; empty: one node, presence kept in process"),
        Setting::string("prefix").nonEmpty().defaultTo("ocomms:")
            .describe("start of every key and channel name; nodes of one instance share it"),
    };
}

constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

SettingsSchema passwordHashSchema() {
    // OWASP's minimum for argon2id is 19 MiB with 2 passes: weaker is refused.
    return {
        Setting::integer("memory_kib").range(19 * 1024, 4 * 1024 * 1024).defaultTo(19 * 1024)
            .describe("argon2id memory per hash, in KiB"),
        Setting::integer("iterations").range(2, 20).defaultTo(2).describe("argon2id passes"),
    };
}

SettingsSchema loginLimitSchema() {
    return {
        Setting::integer("per_account").range(1, 10000).defaultTo(10)
            .describe("failed logins allowed per account within the window"),
        Setting::integer("per_address").range(1, 100000).defaultTo(10)
            .describe("failed logins allowed per client address within the window"),
        Setting::duration("window").range(kSecond, kDay).defaultTo("1m").describe("the counting window"),
    };
}

SettingsSchema authSchema() {
    return {
        Setting::string("secret").secret().defaultTo("")
            .describe("signing key for short-lived tokens: empty, or at least 32 characters"),
        Setting::boolean("open_registration").defaultTo(false)
            .describe("anyone may register; otherwise only the first user and invited users"),
        Setting::duration("session_ttl").range(5 * kMinute, 365 * kDay).defaultTo("30d")
            .describe("how long a session lasts unused; each use extends it"),
        Setting::duration("invite_ttl").range(kMinute, 90 * kDay).defaultTo("7d")
            .describe("how long an invite can be accepted"),
        Setting::object("password_hash", passwordHashSchema()),
        Setting::object("login_limit", loginLimitSchema()),
    };
}

constexpr std::int64_t kMebibyte = kKibibyte * kKibibyte;

SettingsSchema realtimeSchema() {
    return {
        Setting::integer("threads").range(0, 64).defaultTo(0)
            .describe("event-loop threads that own the WebSocket connections; 0: one per CPU core"),
        Setting::integer("workers").range(1, 256).defaultTo(4)
            .describe("threads that run the handlers of client messages"),
        Setting::integer("max_message_bytes").range(kKibibyte, 64 * kMebibyte).defaultTo(64 * kKibibyte)
            .describe("largest message a client may send, in bytes; larger closes the connection with 1009"),
        Setting::integer("max_queued_bytes").range(64 * kKibibyte, kGibibyte).defaultTo(4 * kMebibyte)
            .describe("bytes waiting to be sent to one client; a client this far behind is closed with 1013"),
        Setting::duration("ping_interval").range(kSecond, 10 * kMinute).defaultTo("25s")
            .describe("a ping after this long without traffic"),
        Setting::duration("idle_timeout").range(2 * kSecond, kHour).defaultTo("60s")
            .describe("a connection silent for this long is closed; longer than ping_interval"),
        Setting::integer("max_pending_messages").range(1, 10000).defaultTo(64)
            .describe("messages of one connection waiting for a worker; beyond, they are refused"),
        Setting::duration("presence_ttl").range(5 * kSecond, 10 * kMinute).defaultTo("30s")
            .describe("with Redis: how long a node's users stay online after the node stops renewing them"),
        Setting::duration("ticket_ttl").range(5 * kSecond, 10 * kMinute).defaultTo("30s")
            .describe("how long a WebSocket ticket from POST /api/ws/ticket can be used"),
        Setting::duration("access_check_interval").range(kSecond, kHour).defaultTo("30s")
            .describe("how often each node closes the WebSockets of users deactivated by another process"),
    };
}

SettingsSchema loggingSchema() {
    return {
        Setting::string("level").oneOf({"debug", "info", "warn", "error"}).defaultTo("info")
            .describe("least severe message written"),
        Setting::string("format").oneOf({"text", "json"}).defaultTo("text").describe("one line per message"),
        Setting::boolean("access_log").defaultTo(true).describe("log one line per HTTP request"),
    };
}

}  // namespace

const SettingsSchema& coreSchema() {
    static const SettingsSchema schema{
        Setting::string("data_dir").nonEmpty().defaultTo("var")
            .describe("folder for the instance's files (the SQLite database by default)"),
        Setting::object("server", serverSchema()),
        Setting::object("database", databaseSchema()),
        Setting::object("redis", redisSchema()),
        Setting::object("auth", authSchema()),
        Setting::object("realtime", realtimeSchema()),
        Setting::object("logging", loggingSchema()),
        Setting::stringList("plugin_dirs").defaultTo(nlohmann::json::array())
            .describe("folders searched for plugins before the installed ones"),
    };
    return schema;
}

const SettingsSchema& pluginEntrySchema() {
    static const SettingsSchema schema{
        Setting::string("name").nonEmpty().describe("the plugin's name, e.g. health"),
        Setting::boolean("enabled").defaultTo(true).describe("false: keep the entry but do not load it"),
        Setting::boolean("optional").defaultTo(false)
            .describe("true: start without this plugin when it cannot be found or loaded"),
        Setting::string("file").defaultTo("").describe("explicit path of the .so; empty: search the plugin folders"),
    };
    return schema;
}

}  // namespace ocomms::config
