#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>

#include "db/ConnectionPool.hpp"
#include "support/CapturingLogger.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::db {
namespace {

using namespace std::chrono_literals;
using test::TestDatabase;

constexpr auto kAcquireTimeout = 2000ms;
constexpr auto kConnectTimeout = 5000ms;

int countRows(Database& database, const std::string& table) {
    int count = -1;
    *database.session() << "SELECT count(*) FROM " + table, soci::into(count);
    return count;
}

class ConnectionPoolTest : public ::testing::TestWithParam<Dialect> {
protected:
    ConnectionPoolTest() : database_(TestDatabase::create(GetParam())) {}

    std::unique_ptr<ConnectionPool> openPool(int size, std::chrono::milliseconds acquireTimeout = kAcquireTimeout) {
        auto pool = std::make_unique<ConnectionPool>(parseDatabaseUrl(database_.url()), size, acquireTimeout, logger_);
        pool->open(kConnectTimeout);
        return pool;
    }

    TestDatabase database_;
    test::CapturingLogger logger_;
};

TEST_P(ConnectionPoolTest, PingAnswers) {
    auto pool = openPool(2);
    EXPECT_NO_THROW(pool->ping());
    EXPECT_EQ(pool->dialect(), GetParam());
}

TEST_P(ConnectionPoolTest, ExhaustedPoolThrowsAfterTheAcquireTimeout) {
    auto pool = openPool(1, 300ms);
    const PooledSession held = pool->session();
    const auto start = std::chrono::steady_clock::now();
    try {
        pool->session();
        FAIL() << "expected DatabaseUnavailable";
    } catch (const DatabaseUnavailable& e) {
        EXPECT_STREQ(e.what(), "no database connection free within 300ms");
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GE(waited, 250ms);
    EXPECT_LT(waited, 2s);
}

TEST_P(ConnectionPoolTest, TransactionCommitsOnReturnAndRollsBackOnThrow) {
    auto pool = openPool(2);
    *pool->session() << "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)";
    pool->transaction([](soci::session& s) { s << "INSERT INTO notes (id, body) VALUES (1, 'kept')"; });
    EXPECT_THROW(pool->transaction([](soci::session& s) {
        s << "INSERT INTO notes (id, body) VALUES (2, 'dropped')";
        throw std::runtime_error("work failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(countRows(*pool, "notes"), 1);
}

TEST_P(ConnectionPoolTest, ManyThreadsShareAFewConnections) {
    auto pool = openPool(3);
    *pool->session() << "CREATE TABLE hits (thread_no INTEGER NOT NULL, n INTEGER NOT NULL)";
    constexpr int kThreads = 8;
    constexpr int kHitsPerThread = 25;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int n = 0; n < kHitsPerThread; ++n) {
                try {
                    pool->transaction([&](soci::session& s) {
                        s << "INSERT INTO hits (thread_no, n) VALUES (:t, :n)", soci::use(t), soci::use(n);
                    });
                } catch (const std::exception& e) {
                    ++failures;
                    ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(countRows(*pool, "hits"), kThreads * kHitsPerThread);
}

TEST_P(ConnectionPoolTest, SessionGivenBackInsideATransactionIsRolledBackBeforeReuse) {
    auto pool = openPool(1);
    *pool->session() << "CREATE TABLE notes (id INTEGER PRIMARY KEY)";
    {
        PooledSession s = pool->session();
        s->begin();
        *s << "INSERT INTO notes (id) VALUES (1)";
    }
    EXPECT_EQ(countRows(*pool, "notes"), 0);
    pool->transaction([](soci::session& s) { s << "INSERT INTO notes (id) VALUES (2)"; });
    EXPECT_EQ(countRows(*pool, "notes"), 1);
}

TEST_P(ConnectionPoolTest, SessionGivenBackDuringAnExceptionIsUsableAgain) {
    auto pool = openPool(1);
    EXPECT_THROW(
        {
            PooledSession s = pool->session();
            s->begin();
            *s << "SELECT * FROM no_such_table";
        },
        soci::soci_error);
    EXPECT_NO_THROW(pool->ping());
    int one = 0;
    *pool->session() << "SELECT 1", soci::into(one);
    EXPECT_EQ(one, 1);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ConnectionPoolTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return test::dialectName(dialect.param); });

TEST(SqliteConnectionPool, OpenCreatesTheFolderAndConfiguresEveryConnection) {
    const TestDatabase database = TestDatabase::sqlite();
    const auto folder = std::filesystem::path(parseDatabaseUrl(database.url()).sqlitePath).parent_path();
    const auto path = folder / "nested" / "deeper" / "ocomms.db";
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl("sqlite:" + path.string()), 3, kAcquireTimeout, logger);
    pool.open(kConnectTimeout);
    EXPECT_TRUE(std::filesystem::exists(path));

    std::vector<PooledSession> sessions;
    for (int i = 0; i < 3; ++i) sessions.push_back(pool.session());
    for (PooledSession& s : sessions) {
        std::string journalMode;
        int foreignKeys = -1;
        int busyTimeout = -1;
        int synchronous = -1;
        *s << "PRAGMA journal_mode", soci::into(journalMode);
        *s << "PRAGMA foreign_keys", soci::into(foreignKeys);
        *s << "PRAGMA busy_timeout", soci::into(busyTimeout);
        *s << "PRAGMA synchronous", soci::into(synchronous);
        EXPECT_EQ(journalMode, "wal");
        EXPECT_EQ(foreignKeys, 1);
        EXPECT_EQ(busyTimeout, 5000);
        EXPECT_EQ(synchronous, 2) << "2 is FULL: a commit is on disk before it returns";
    }
}

TEST(SqliteConnectionPool, ASessionLeasedWithoutOpenConnectsOnDemand) {
    const TestDatabase database = TestDatabase::sqlite();
    const auto folder = std::filesystem::path(parseDatabaseUrl(database.url()).sqlitePath).parent_path();
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl("sqlite:" + (folder / "later" / "ocomms.db").string()), 1, kAcquireTimeout,
                        logger);
    EXPECT_NO_THROW(pool.ping());
}

TEST(SqliteConnectionPool, ForeignKeysAreEnforced) {
    const TestDatabase database = TestDatabase::sqlite();
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl(database.url()), 1, kAcquireTimeout, logger);
    pool.open(kConnectTimeout);
    *pool.session() << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
    *pool.session() << "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))";
    EXPECT_THROW(*pool.session() << "INSERT INTO child (parent_id) VALUES (42)", soci::soci_error);
}

TEST(PostgresConnectionPool, OpenGivesUpAtTheDeadlineNamingTheEndpointButNotThePassword) {
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl("postgresql://ocomms:Sup3rSecret@127.0.0.1:1/nowhere"), 2, kAcquireTimeout,
                        logger);
    const auto start = std::chrono::steady_clock::now();
    try {
        pool.open(1200ms);
        FAIL() << "expected DatabaseUnavailable";
    } catch (const DatabaseUnavailable& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("127.0.0.1:1/nowhere"), std::string::npos) << message;
        EXPECT_NE(message.find("refused"), std::string::npos) << message;
        EXPECT_EQ(message.find("Sup3rSecret"), std::string::npos) << message;
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GE(waited, 1200ms) << "it retries until the deadline";
    EXPECT_LT(waited, 4s);
    EXPECT_GE(logger.lines().size(), 2u) << "each failed attempt is logged";
    for (const std::string& line : logger.lines()) EXPECT_EQ(line.find("Sup3rSecret"), std::string::npos) << line;
}

int backendPid(ConnectionPool& pool) {
    int pid = 0;
    *pool.session() << "SELECT pg_backend_pid()", soci::into(pid);
    return pid;
}

/// The backend pid of the pool's only session, after asking the server to terminate that backend.
int terminateTheOnlyBackend(ConnectionPool& pool) {
    const int pid = backendPid(pool);
    soci::session admin(soci::postgresql, parseDatabaseUrl(test::postgresAdminUrl()).connectString());
    int terminated = 0;
    // With a timeout it waits until the backend is gone, so the test does not race the kill.
    admin << "SELECT pg_terminate_backend(:pid, 5000)::int", soci::use(pid), soci::into(terminated);
    EXPECT_EQ(terminated, 1);
    return pid;
}

TEST(PostgresConnectionPool, ReconnectsAConnectionTheServerTerminatedWhileItWasIdle) {
    const TestDatabase database = TestDatabase::postgres();
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl(database.url()), 1, kAcquireTimeout, logger);
    pool.open(kConnectTimeout);
    const int before = terminateTheOnlyBackend(pool);
    // Past the pool's idle window the lease also asks the server, so the first use succeeds.
    std::this_thread::sleep_for(600ms);
    int after = 0;
    EXPECT_NO_THROW(after = backendPid(pool));
    EXPECT_NE(after, 0);
    EXPECT_NE(after, before);
    EXPECT_NO_THROW(pool.ping());
}

TEST(PostgresConnectionPool, KilledConnectionIsReplacedEvenRightAfterItsLastUse) {
    const TestDatabase database = TestDatabase::postgres();
    test::CapturingLogger logger;
    ConnectionPool pool(parseDatabaseUrl(database.url()), 1, kAcquireTimeout, logger);
    pool.open(kConnectTimeout);
    const int before = terminateTheOnlyBackend(pool);
    // Inside the idle window no round trip checks it, but the server's goodbye on the socket is seen.
    int after = 0;
    EXPECT_NO_THROW(after = backendPid(pool));
    EXPECT_NE(after, 0);
    EXPECT_NE(after, before);
}

}  // namespace
}  // namespace ocomms::db
