// Stops the shared test PostgreSQL server: built into the serial outage binary (see CMakeLists.txt).
#include <gtest/gtest.h>

#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

using Clock = std::chrono::steady_clock;

/// Polls /api/health until `status` is seen; returns how long that took, or nullopt after `patience`.
std::optional<std::chrono::milliseconds> waitForHealth(const ServerProcess& server, int status,
                                                       std::chrono::seconds patience) {
    const auto start = Clock::now();
    while (Clock::now() - start < patience) {
        if (server.get("/api/health").status == status)
            return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return std::nullopt;
}

TEST(PgOutageServe, HealthTurnsUnhealthyWhenPostgresStopsAndRecoversWithoutRestart) {
    auto database = TestDatabase::postgres();
    ServerOptions options;
    options.databaseUrl = database.url();
    ServerProcess server(options);
    server.start();
    ASSERT_EQ(server.get("/api/health").status, 200);

    controlPostgres("stop");
    bool restarted = false;
    try {
        const auto down = waitForHealth(server, 503, std::chrono::seconds(5));
        ASSERT_TRUE(down.has_value()) << "health did not turn 503 within 5 s\n" << server.output();
        const auto body = nlohmann::json::parse(server.get("/api/health").body);
        EXPECT_EQ(body["status"], "unhealthy");
        EXPECT_EQ(body["checks"]["database"]["status"], "fail");
        EXPECT_FALSE(body["checks"]["database"]["error"].get<std::string>().empty());
        // Liveness does not depend on the database.
        EXPECT_EQ(server.get("/api/health/live").status, 200);

        controlPostgres("start");
        restarted = true;
        const auto up = waitForHealth(server, 200, std::chrono::seconds(30));
        ASSERT_TRUE(up.has_value()) << "health did not recover\n" << server.output();
        EXPECT_EQ(nlohmann::json::parse(server.get("/api/health").body)["status"], "healthy");
        EXPECT_TRUE(server.running());
    } catch (...) {
        if (!restarted) controlPostgres("start");
        throw;
    }
    if (!restarted) controlPostgres("start");
}

}  // namespace
}  // namespace ocomms::test
