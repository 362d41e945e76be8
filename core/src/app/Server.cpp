#include "app/Server.hpp"

#include <csignal>
#include <filesystem>
#include <iostream>

#include "app/Bootstrap.hpp"
#include "app/ExitCode.hpp"
#include "app/RealtimeServices.hpp"
#include "app/Signals.hpp"
#include "http/HttpServer.hpp"
#include "identity/IdentityService.hpp"
#include "identity/SessionAuthorizer.hpp"
#include "identity/api/IdentityRoutes.hpp"
#include "identity/api/LoginRateLimiter.hpp"
#include "plugin/PluginHost.hpp"
#include "redis/RedisClient.hpp"

namespace ocomms::app {
namespace {

constexpr std::chrono::milliseconds kRedisTimeout{2000};

void registerCoreHealthChecks(health::HealthRegistry& registry, db::ConnectionPool& pool, redis::RedisClient* redis) {
    registry.add("core", nullptr, "database", [&pool] {
        pool.ping();
        return CheckResult::ok();
    });
    if (redis != nullptr) {
        registry.add("core", nullptr, "redis", [redis] {
            redis->ping();
            return CheckResult::ok();
        });
    }
}

http::HttpServerOptions httpOptions(const config::HostConfig& config) {
    http::HttpServerOptions options;
    options.host = config.server.listenHost;
    options.port = config.server.listenPort;
    options.threads = config.server.threads;
    options.maxBodyBytes = config.server.maxBodyBytes;
    options.keepAliveTimeout = config.server.keepAliveTimeout;
    options.accessLog = config.logging.accessLog;
    options.trustedProxies = config.server.trustedProxies;
    return options;
}

}  // namespace

int serve(const config::HostConfig& config) {
    auto sink = makeLogSink(config.logging);
    log::ComponentLogger hostLog(*sink, "host");
    log::ComponentLogger httpLog(*sink, "http");
    log::ComponentLogger accessLog(*sink, "http.access");
    log::ComponentLogger identityLog(*sink, "identity");
    hostLog.info(std::string("OComms ") + OCOMMS_VERSION + " starting with " + config.file.string());

    std::error_code ec;
    std::filesystem::create_directories(config.dataDir, ec);
    if (ec) {
        hostLog.error("cannot create data folder " + config.dataDir.string() + ": " + ec.message());
        return kExitFailure;
    }

    http::RouteTable routes;
    events::EventBusImpl events(hostLog);
    health::HealthRegistry healthChecks;
    std::unique_ptr<db::ConnectionPool> pool;
    std::unique_ptr<redis::RedisClient> redis;
    std::unique_ptr<identity::IdentityService> identityService;
    std::unique_ptr<RealtimeServices> realtime;
    // Declared after the services it hands out, so that plugins stop before those go away.
    plugin::PluginHost plugins(config, hostLog);

    if (auto issues = plugins.load(); !issues.empty()) {
        printIssues(issues, std::cerr);
        hostLog.error("cannot start: " + std::to_string(issues.size()) + " plugin problem(s), listed above");
        return kExitUsage;
    }

    try {
        pool = openDatabase(config.database, hostLog);
        if (config.database.autoMigrate) {
            applyMigrations(*pool, plugins.migrationSources(), hostLog);
        } else if (auto pending = db::Migrator(*pool).pending(plugins.migrationSources()); !pending.empty()) {
            hostLog.error(std::to_string(pending.size()) +
                          " migration(s) pending and database.auto_migrate is false: run `ocomms migrate` first");
            return kExitFailure;
        }
        if (!config.redis.url.empty()) {
            redis = std::make_unique<redis::RedisClient>(redis::parseRedisUrl(config.redis.url), kRedisTimeout);
            hostLog.info("using Redis at " + redis->url().endpoint());
        }
    } catch (const std::exception& e) {
        hostLog.error(std::string("cannot start: ") + e.what());
        return kExitFailure;
    }

    registerCoreHealthChecks(healthChecks, *pool, redis.get());
    const auto identitySettings = identitySettingsFrom(config.auth);
    identityService = std::make_unique<identity::IdentityService>(*pool, identitySettings, identityLog);
    identity::LoginRateLimiter loginLimiter(identitySettings.loginLimits);
    identity::SessionAuthorizer authorizer(*identityService);
    http::OwnedRouter coreRouter(routes, "core", nullptr);
    identity::registerIdentityRoutes(coreRouter, *identityService, loginLimiter,
                                     {config.server.publicUrl.rfind("https://", 0) == 0});

    realtime = std::make_unique<RealtimeServices>(config, redis.get(), kRedisTimeout, *sink);
    realtime->registerTicketRoute(coreRouter);
    try {
        realtime->start();
    } catch (const std::exception& e) {
        hostLog.error(std::string("cannot start the realtime hub: ") + e.what());
        return kExitFailure;
    }

    plugin::CoreServices services{routes, events, healthChecks, *sink, pool.get(),
                                  HostInfo{OCOMMS_VERSION, config.server.publicUrl, config.dataDir},
                                  identityService.get(), &realtime->hub(), &realtime->presence()};
    try {
        plugins.start(services);
    } catch (const std::exception& e) {
        hostLog.error(std::string("cannot start: ") + e.what());
        return kExitFailure;
    }

    http::HttpServer server(httpOptions(config), routes, accessLog, httpLog, &authorizer);
    realtime->addWebSocketEndpoint(server, authorizer, *identityService);
    try {
        server.start();
    } catch (const std::exception& e) {
        hostLog.error(std::string("cannot start: ") + e.what());
        plugins.stop();
        return kExitFailure;
    }
    hostLog.info("listening on " + config.server.listenHost + ":" + std::to_string(server.port()) +
                 " (public URL " + config.server.publicUrl + ")");

    const int signal = waitForShutdownSignal();
    hostLog.info(std::string("received ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") + ", shutting down");
    server.stop(config.server.shutdownTimeout);
    // WebSockets close (1001) while plugins still run, so that their disconnect handlers see it.
    realtime->stopHub(config.server.shutdownTimeout);
    plugins.stop();
    realtime->stopPresence();
    hostLog.info("stopped");
    return kExitOk;
}

}  // namespace ocomms::app
