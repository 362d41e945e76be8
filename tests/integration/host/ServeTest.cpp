// The real binary serving on each database backend: health, migrations, shutdown, start-up failures.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "db/ConnectionPool.hpp"
#include "db/Migrator.hpp"
#include "redis/RedisClient.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ServerProcess.hpp"
#include "support/TcpProxy.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

class Serve : public ::testing::TestWithParam<Dialect> {
protected:
    Serve() : database_(TestDatabase::create(GetParam())) {}

    ServerOptions options() const {
        ServerOptions o;
        o.databaseUrl = database_.url();
        return o;
    }

    /// Rows of schema_migrations, read straight from the database.
    long long recordedMigrations() const {
        CapturingLogger logger;
        db::ConnectionPool pool(db::parseDatabaseUrl(database_.url()), 1, std::chrono::seconds(5), logger);
        pool.open(std::chrono::seconds(5));
        long long count = 0;
        *pool.session() << "SELECT COUNT(*) FROM schema_migrations", soci::into(count);
        return count;
    }

    /// How many migrations the core has for this test's dialect.
    long long coreMigrationCount() const {
        const char* dialect = GetParam() == Dialect::Sqlite ? "sqlite" : "postgres";
        long long count = 0;
        for (std::size_t i = 0; i < ocomms_core_migrations.count; ++i)
            count += std::string(ocomms_core_migrations.migrations[i].dialect) == dialect ? 1 : 0;
        return count;
    }

    TestDatabase database_;
};

TEST_P(Serve, HealthIsHealthyWithDatabaseLatency) {
    ServerProcess server(options());
    server.start();
    const auto r = server.get("/api/health");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["status"], "healthy");
    EXPECT_EQ(body["version"], OCOMMS_VERSION);
    EXPECT_EQ(body["checks"]["database"]["status"], "ok");
    EXPECT_TRUE(body["checks"]["database"]["latency_ms"].is_number());
    EXPECT_GE(body["checks"]["database"]["latency_ms"].get<double>(), 0.0);
    // ISO-8601 UTC with milliseconds: 2026-11-28T05:49:51.123Z
    EXPECT_TRUE(std::regex_match(body["timestamp"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << body["timestamp"];
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    EXPECT_EQ(r.headers.at("cache-control"), "no-store");
    EXPECT_FALSE(r.headers.at("x-request-id").empty());
}

TEST_P(Serve, LivenessAnswersWithoutTheDatabase) {
    ServerProcess server(options());
    server.start();
    const auto r = server.get("/api/health/live");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(nlohmann::json::parse(r.body)["status"], "alive");
}

TEST_P(Serve, UnknownRouteAndMethodAreJsonErrors) {
    ServerProcess server(options());
    server.start();
    const auto missing = server.get("/api/nothing-here");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["code"], "not_found");
    const auto wrongMethod = httpRequest(server.port(), "POST", "/api/health", "{}");
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(nlohmann::json::parse(wrongMethod.body)["error"]["code"], "method_not_allowed");
    EXPECT_NE(wrongMethod.headers.at("allow").find("GET"), std::string::npos);
}

TEST_P(Serve, MigrationsRunOnceAndAreIdempotent) {
    ServerProcess first(options());
    first.start();
    EXPECT_NE(first.output().find("applied migration core 1 (instance)"), std::string::npos) << first.output();
    EXPECT_EQ(first.stop(), 0);
    const auto afterFirst = recordedMigrations();
    EXPECT_GE(afterFirst, 1);

    // A second start and an explicit `ocomms migrate` apply nothing more.
    ServerProcess second(options());
    second.start();
    EXPECT_NE(second.output().find("database schema is up to date"), std::string::npos) << second.output();
    EXPECT_EQ(second.stop(), 0);
    const auto migrate = runOcomms({"migrate", "--config", second.configFile().string()});
    EXPECT_EQ(migrate.exitCode, 0) << migrate.output;
    EXPECT_NE(migrate.output.find("applied 0 migration(s)"), std::string::npos) << migrate.output;
    EXPECT_EQ(recordedMigrations(), afterFirst);
}

TEST_P(Serve, MigrateCommandAppliesPendingMigrations) {
    ServerProcess server(options());  // only to write the config file; never started
    ServerOptions o = options();
    std::ofstream(server.dir() / "ocomms.yaml") << "data_dir: \"" << (server.dir() / "data").string()
                                                 << "\"\ndatabase:\n  url: \"" << o.databaseUrl
                                                 << "\"\nplugins:\n  - name: health\n";
    const auto r = runOcomms({"migrate", "--config", (server.dir() / "ocomms.yaml").string()});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("applied " + std::to_string(coreMigrationCount()) + " migration(s)"), std::string::npos)
        << r.output;
    EXPECT_EQ(recordedMigrations(), coreMigrationCount());
}

TEST_P(Serve, SigtermStopsCleanlyWithExitZero) {
    ServerProcess server(options());
    server.start();
    EXPECT_EQ(server.stop(), 0) << server.output();
    const auto out = server.output();
    EXPECT_NE(out.find("received SIGTERM, shutting down"), std::string::npos) << out;
    EXPECT_NE(out.find("stopped plugin 'health'"), std::string::npos) << out;
}

TEST_P(Serve, RequestIdIsEchoedAndAccessLogged) {
    ServerProcess server(options());
    server.start();
    const auto r = httpRequest(server.port(), "GET", "/api/health/live", "", {{"X-Request-Id", "trace-abc.123"}});
    EXPECT_EQ(r.headers.at("x-request-id"), "trace-abc.123");
    EXPECT_EQ(server.stop(), 0);
    EXPECT_NE(server.output().find("GET /api/health/live 200"), std::string::npos) << server.output();
    EXPECT_NE(server.output().find("rid=trace-abc.123"), std::string::npos) << server.output();
}

TEST_P(Serve, OversizedBodyIsRefusedWith413) {
    ServerProcess server(options());
    server.start();
    const std::string big(2 * 1024 * 1024, 'x');  // the default limit is 1 MiB
    const auto r = httpRequest(server.port(), "POST", "/api/health", big);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "body_too_large");
}

INSTANTIATE_TEST_SUITE_P(Backends, Serve, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

TEST(ServeStartup, ConfiguredRedisIsPingedByHealth) {
    auto database = TestDatabase::sqlite();
    ServerOptions o;
    o.databaseUrl = database.url();
    o.redisUrl = redisUrl();
    ServerProcess server(o);
    server.start();
    const auto r = server.get("/api/health");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["checks"]["redis"]["status"], "ok");
    EXPECT_TRUE(body["checks"]["redis"]["latency_ms"].is_number());
}

TEST(ServeStartup, UnreachableRedisStopsStartNamingTheEndpoint) {
    // Without Redis the realtime hub would serve this node alone while other nodes expect its events.
    auto database = TestDatabase::sqlite();
    ServerOptions o;
    o.databaseUrl = database.url();
    const auto port = freeLoopbackPort();  // nothing listens there
    o.redisUrl = "redis://127.0.0.1:" + std::to_string(port);
    ServerProcess server(o);
    try {
        server.start();
        FAIL() << "the server should not have started";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("exited with 1"), std::string::npos) << message;
        EXPECT_NE(message.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << message;
    }
}

TEST(ServeStartup, RedisLostAfterStartMakesHealthUnhealthyNamingTheEndpoint) {
    auto database = TestDatabase::sqlite();
    const redis::RedisUrl real = redis::parseRedisUrl(redisUrl());
    TcpProxy proxy(real.host, static_cast<std::uint16_t>(real.port));
    ServerOptions o;
    o.databaseUrl = database.url();
    o.redisUrl = "redis://" + (real.password.empty() ? "" : real.user + ":" + real.password + "@") + "127.0.0.1:" +
                 std::to_string(proxy.port()) + "/" + std::to_string(real.db);
    ServerProcess server(o);
    server.start();
    proxy.cut();

    const auto r = server.get("/api/health");
    EXPECT_EQ(r.status, 503) << r.body;
    const auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["status"], "unhealthy");
    EXPECT_EQ(body["checks"]["database"]["status"], "ok");
    EXPECT_EQ(body["checks"]["redis"]["status"], "fail");
    EXPECT_NE(body["checks"]["redis"]["error"].get<std::string>().find("127.0.0.1:" + std::to_string(proxy.port())),
              std::string::npos)
        << r.body;
}

TEST(ServeStartup, UnreachableDatabaseFailsNamingHostPortNotPassword) {
    ServerOptions o;
    const auto port = freeLoopbackPort();  // nothing listens there
    o.databaseUrl = "postgresql://app:NeverPrintThisPw@127.0.0.1:" + std::to_string(port) + "/ocomms";
    ServerProcess server(o);
    // connect_timeout is 10 s in ServerProcess' config; the host retries, then gives up.
    try {
        server.start(std::chrono::seconds(60));
        FAIL() << "the server should not have started";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("exited with 1"), std::string::npos) << message;
        EXPECT_NE(message.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << message;
        EXPECT_EQ(message.find("NeverPrintThisPw"), std::string::npos) << message;
    }
}

TEST(ServeStartup, UnknownPluginStopsStartWithExitTwo) {
    auto database = TestDatabase::sqlite();
    ServerOptions o;
    o.databaseUrl = database.url();
    o.pluginsYaml = "  - name: health\n  - name: no-such-plugin\n";
    ServerProcess server(o);
    try {
        server.start();
        FAIL() << "the server should not have started";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("exited with 2"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("unknown plugin 'no-such-plugin'"), std::string::npos) << e.what();
    }
}

TEST(ServeStartup, OptionalUnknownPluginIsSkipped) {
    auto database = TestDatabase::sqlite();
    ServerOptions o;
    o.databaseUrl = database.url();
    o.pluginsYaml = "  - name: health\n  - name: no-such-plugin\n    optional: true\n";
    ServerProcess server(o);
    server.start();
    EXPECT_EQ(server.get("/api/health").status, 200);
    EXPECT_NE(server.output().find("optional plugin 'no-such-plugin' is left disabled"), std::string::npos);
}

TEST(ServeStartup, SecretsNeverReachTheLog) {
    auto database = TestDatabase::postgres();
    // The test server trusts loopback, so any password works: it must still never be printed.
    auto url = database.url();
    const auto at = url.find('@');
    ASSERT_NE(at, std::string::npos);
    url.insert(at, ":PwMustStayHidden42");
    ServerOptions o;
    o.databaseUrl = url;
    o.extraYaml = "auth:\n  secret: \"SecretMustStayHidden-0123456789abcdef\"\nlogging:\n  level: debug\n";
    ServerProcess server(o);
    server.start();
    EXPECT_EQ(server.get("/api/health").status, 200);
    EXPECT_EQ(server.stop(), 0);
    const auto out = server.output();
    EXPECT_EQ(out.find("PwMustStayHidden42"), std::string::npos) << out;
    EXPECT_EQ(out.find("SecretMustStayHidden"), std::string::npos) << out;
    EXPECT_NE(out.find("***"), std::string::npos) << out;  // the URL is shown, redacted
}

}  // namespace
}  // namespace ocomms::test
