// These tests stop the shared test PostgreSQL server. A file named *Outage* builds into ocomms_outage_tests,
// whose tests CTest runs alone (RUN_SERIAL).
#include <chrono>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "db/ConnectionPool.hpp"
#include "support/CapturingLogger.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::db {
namespace {

using namespace std::chrono_literals;
using test::TestDatabase;

/// Stops the server now and starts it again when destroyed, also when the test fails half-way.
class StoppedPostgres {
public:
    StoppedPostgres() { test::controlPostgres("stop"); }
    ~StoppedPostgres() { startQuietly(); }
    StoppedPostgres(const StoppedPostgres&) = delete;
    StoppedPostgres& operator=(const StoppedPostgres&) = delete;

    void start() {
        test::controlPostgres("start");
        running_ = true;
    }

private:
    void startQuietly() noexcept {
        if (running_) return;
        try {
            start();
        } catch (const std::exception& e) {
            std::cerr << "could not restart the test PostgreSQL server: " << e.what() << '\n';
        }
    }

    bool running_ = false;
};

/// pg_ctl start waits for the server, but give it a moment more to accept connections.
void pingUntilItAnswers(ConnectionPool& pool, std::chrono::seconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
        try {
            pool.ping();
            return;
        } catch (const DatabaseUnavailable&) {
            if (std::chrono::steady_clock::now() > deadline) throw;
            std::this_thread::sleep_for(200ms);
        }
    }
}

TEST(PgOutage, PingFailsFastWhileTheServerIsDownAndRecoversWhenItIsBack) {
    const TestDatabase database = TestDatabase::postgres();
    test::CapturingLogger logger;
    const DatabaseUrl url = parseDatabaseUrl(database.url());
    ConnectionPool pool(url, 2, 2s, logger);
    pool.open(5s);
    {
        // Both connections in use once, so both are open when the server goes away.
        const PooledSession a = pool.session();
        const PooledSession b = pool.session();
        *a << "SELECT 1";
        *b << "SELECT 1";
    }

    StoppedPostgres outage;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto start = std::chrono::steady_clock::now();
        try {
            pool.ping();
            FAIL() << "ping answered while the server was stopped";
        } catch (const DatabaseUnavailable& e) {
            EXPECT_NE(std::string(e.what()).find(url.endpoint()), std::string::npos) << e.what();
        }
        EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "attempt " << attempt;
    }

    outage.start();
    pingUntilItAnswers(pool, 10s);
    const PooledSession a = pool.session();
    const PooledSession b = pool.session();
    int one = 0;
    int two = 0;
    *a << "SELECT 1", soci::into(one);
    *b << "SELECT 2", soci::into(two);
    EXPECT_EQ(one + two, 3) << "every connection of the pool works again";
}

TEST(PgOutage, OpenWaitsForAServerThatComesUpInTime) {
    const TestDatabase database = TestDatabase::postgres();
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl(database.url()), 2, 2s, logger);

    StoppedPostgres outage;
    std::string startError;
    std::thread starter([&] {
        std::this_thread::sleep_for(1500ms);
        try {
            outage.start();
        } catch (const std::exception& e) {
            startError = e.what();
        }
    });
    try {
        pool.open(20s);
    } catch (...) {
        starter.join();
        throw;
    }
    starter.join();
    ASSERT_EQ(startError, "");
    EXPECT_NO_THROW(pool.ping());
    EXPECT_FALSE(logger.lines().empty()) << "the failed attempts are logged";
}

}  // namespace
}  // namespace ocomms::db
