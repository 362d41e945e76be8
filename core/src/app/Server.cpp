#include "app/Server.hpp"

#include <csignal>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <vector>

#include "app/AccessRevocation.hpp"
#include "app/Bootstrap.hpp"
#include "app/ExitCode.hpp"
#include "app/RealtimeServices.hpp"
#include "app/Signals.hpp"
#include "http/HttpServer.hpp"
#include "identity/IdentityService.hpp"
#include "identity/SessionAuthorizer.hpp"
#include "identity/api/IdentityRoutes.hpp"
#include "identity/api/LoginRateLimiter.hpp"
#include "orgdata/CoreContributor.hpp"
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

/// What the host keeps its data in.
struct Stores {
    std::unique_ptr<db::ConnectionPool> pool;
    std::unique_ptr<redis::RedisClient> redis;  ///< null without Redis
};

/// Opens the database (migrating it unless database.auto_migrate is false) and connects Redis when
/// configured. Throws with a message for the log.
Stores openStores(const config::HostConfig& config, const std::vector<db::MigrationSource>& migrations,
                  Logger& hostLog) {
    Stores stores;
    stores.pool = openDatabase(config.database, hostLog);
    prepareSchema(*stores.pool, migrations, config.database.autoMigrate, hostLog);
    if (!config.redis.url.empty()) {
        stores.redis = std::make_unique<redis::RedisClient>(redis::parseRedisUrl(config.redis.url), kRedisTimeout);
        hostLog.info("using Redis at " + stores.redis->url().endpoint());
    }
    return stores;
}

/// In this order: no new HTTP requests (those in flight finish), WebSockets closed with 1001 while plugins
/// still run (so that their disconnect handlers see it), plugins stopped, then presence (with Redis, this
/// node's users go offline elsewhere at once).
void shutDown(const config::HostConfig& config, http::HttpServer& server, RealtimeServices& realtime,
              plugin::PluginHost& plugins) {
    server.stop(config.server.shutdownTimeout);
    realtime.stopHub(config.server.shutdownTimeout);
    plugins.stop();
    realtime.stopPresence();
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
    Stores stores;
    std::unique_ptr<identity::IdentityService> identityService;
    std::unique_ptr<RealtimeServices> realtime;
    orgdata::ContributorRegistry contributors;
    // Declared after the services it hands out, so that plugins stop before those go away.
    plugin::PluginHost plugins(config, hostLog);

    if (auto issues = plugins.load(); !issues.empty()) {
        printIssues(issues, std::cerr);
        hostLog.error("cannot start: " + std::to_string(issues.size()) + " plugin problem(s), listed above");
        return kExitUsage;
    }

    try {
        stores = openStores(config, plugins.migrationSources(), hostLog);
    } catch (const std::exception& e) {
        hostLog.error(std::string("cannot start: ") + e.what());
        return kExitFailure;
    }

    registerCoreHealthChecks(healthChecks, *stores.pool, stores.redis.get());
    const auto identitySettings = identitySettingsFrom(config.auth);
    identityService = std::make_unique<identity::IdentityService>(*stores.pool, identitySettings, identityLog);
    identity::LoginRateLimiter loginLimiter(identitySettings.loginLimits);
    identity::SessionAuthorizer authorizer(*identityService);
    http::OwnedRouter coreRouter(routes, "core", nullptr);
    identity::registerIdentityRoutes(coreRouter, *identityService, loginLimiter,
                                     {config.server.publicUrl.rfind("https://", 0) == 0});

    realtime = std::make_unique<RealtimeServices>(config, stores.redis.get(), kRedisTimeout, *sink);
    realtime->registerTicketRoute(coreRouter);
    try {
        realtime->start();
    } catch (const std::exception& e) {
        hostLog.error(std::string("cannot start the realtime hub: ") + e.what());
        return kExitFailure;
    }
    AccessRevocation revocation(*identityService, realtime->hub(), config.realtime.accessCheckInterval, hostLog);
    revocation.start();

    contributors.add(orgdata::kCoreOwner, nullptr, std::make_shared<orgdata::CoreContributor>());
    plugin::CoreServices services{routes, events, healthChecks, *sink, stores.pool.get(),
                                  HostInfo{OCOMMS_VERSION, config.server.publicUrl, config.dataDir},
                                  identityService.get(), &realtime->hub(), &realtime->presence(), &contributors};
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
    revocation.stop();
    shutDown(config, server, *realtime, plugins);
    hostLog.info("stopped");
    return kExitOk;
}

}  // namespace ocomms::app
