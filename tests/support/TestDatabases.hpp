// The databases and services tests run against, as scripts/test starts them: a fresh SQLite file or a fresh
// PostgreSQL database per test, the Redis URL, and control over the PostgreSQL server for outage tests.
#pragma once

#include <filesystem>
#include <string>

#include <ocomms/database.hpp>

namespace ocomms::test {

/// The value of a variable scripts/test exports. Throws (which fails the test) when it is not set.
std::string requireEnv(const char* name);

/// OCOMMS_TEST_PG_URL: a superuser on the test server.
std::string postgresAdminUrl();
/// OCOMMS_TEST_REDIS_URL.
std::string redisUrl();
/// Runs `$OCOMMS_TEST_PG_CONTROL stop|start|status`; throws unless it exits with 0.
void controlPostgres(const std::string& action);

/// A fresh, empty database for one test, removed when destroyed: a SQLite file in its own temporary
/// folder, or a database `ocomms_test_<random>` created on the test PostgreSQL server.
class TestDatabase {
public:
    static TestDatabase sqlite();
    static TestDatabase postgres();
    static TestDatabase create(Dialect dialect);

    TestDatabase(TestDatabase&& other) noexcept;
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    TestDatabase& operator=(TestDatabase&&) = delete;
    ~TestDatabase();

    /// For parseDatabaseUrl and the host's `database.url`.
    const std::string& url() const { return url_; }
    Dialect dialect() const { return dialect_; }

private:
    TestDatabase(Dialect dialect, std::string url, std::filesystem::path folder, std::string postgresName);

    Dialect dialect_;
    std::string url_;
    std::filesystem::path sqliteFolder_;  ///< removed with everything in it
    std::string postgresName_;            ///< dropped
};

/// "sqlite" or "postgres", for parameterised test names.
std::string dialectName(Dialect dialect);

}  // namespace ocomms::test
