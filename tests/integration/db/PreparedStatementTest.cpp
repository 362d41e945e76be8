// Database::prepared(): statements kept prepared per connection, on both backends.
#include <chrono>
#include <stdexcept>
#include <string>
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
constexpr const char* kSelectName = "SELECT name FROM prepared_people WHERE id = :id";

class PreparedStatementTest : public ::testing::TestWithParam<Dialect> {
protected:
    PreparedStatementTest()
        : database_(TestDatabase::create(GetParam())),
          pool_(parseDatabaseUrl(database_.url()), 1, kAcquireTimeout, logger_) {
        pool_.open(kConnectTimeout);
        auto session = pool_.session();
        *session << "CREATE TABLE prepared_people (id INTEGER PRIMARY KEY, name TEXT)";
        for (const auto& [id, name] : std::vector<std::pair<int, std::string>>{{1, "ada"}, {2, "grace"}, {3, "linus"}}) {
            *session << "INSERT INTO prepared_people (id, name) VALUES (:id, :name)", soci::use(id), soci::use(name);
        }
    }

    std::optional<std::string> nameOf(soci::session& session, long long id) {
        std::string name;
        auto query = pool_.prepared(session, kSelectName);
        if (!query.bind(soci::use(id), soci::into(name)).execute(true)) return std::nullopt;
        return name;
    }

    TestDatabase database_;
    test::CapturingLogger logger_;
    ConnectionPool pool_;
};

TEST_P(PreparedStatementTest, AnswersEachCallWithItsOwnValues) {
    for (int round = 0; round < 3; ++round) {
        auto session = pool_.session();
        EXPECT_EQ(nameOf(*session, 1), "ada");
        EXPECT_EQ(nameOf(*session, 3), "linus");
        EXPECT_EQ(nameOf(*session, 9), std::nullopt);
    }
}

TEST_P(PreparedStatementTest, FetchesEveryRowAndCountsAffectedRows) {
    auto session = pool_.session();
    long long above = 1, id = 0;
    std::vector<long long> ids;
    auto query = pool_.prepared(*session, "SELECT id FROM prepared_people WHERE id > :above ORDER BY id");
    query.bind(soci::use(above), soci::into(id)).execute();
    while (query.fetch()) ids.push_back(id);
    EXPECT_EQ(ids, (std::vector<long long>{2, 3}));

    const std::string renamed = "hopper";
    long long key = 2;
    auto update = pool_.prepared(*session, "UPDATE prepared_people SET name = :name WHERE id = :id");
    update.bind(soci::use(renamed), soci::use(key)).execute(true);
    EXPECT_EQ(update.affectedRows(), 1);
    EXPECT_EQ(nameOf(*session, 2), "hopper");
}

TEST_P(PreparedStatementTest, TheSameSqlRunWhileItIsStillFetchingGetsAStatementOfItsOwn) {
    auto session = pool_.session();
    long long above = 0, id = 0;
    const std::string sql = "SELECT id FROM prepared_people WHERE id > :above ORDER BY id";
    auto outer = pool_.prepared(*session, sql);
    outer.bind(soci::use(above), soci::into(id)).execute();
    std::vector<std::size_t> innerCounts;
    while (outer.fetch()) {
        long long innerAbove = id, innerId = 0;
        std::size_t count = 0;
        auto inner = pool_.prepared(*session, sql);
        inner.bind(soci::use(innerAbove), soci::into(innerId)).execute();
        while (inner.fetch()) ++count;
        innerCounts.push_back(count);
    }
    EXPECT_EQ(innerCounts, (std::vector<std::size_t>{2, 1, 0}));
}

TEST_P(PreparedStatementTest, WorksInsideATransactionAndAfterARollback) {
    EXPECT_THROW(pool_.transaction([&](soci::session& session) {
        const std::string name = "temporary";
        long long id = 7;
        pool_.prepared(session, "INSERT INTO prepared_people (id, name) VALUES (:id, :name)")
            .bind(soci::use(id), soci::use(name))
            .execute(true);
        EXPECT_EQ(nameOf(session, 7), "temporary");
        throw std::runtime_error("roll back");
    }),
                 std::runtime_error);
    auto session = pool_.session();
    EXPECT_EQ(nameOf(*session, 7), std::nullopt);
    EXPECT_EQ(nameOf(*session, 1), "ada");
}

TEST_P(PreparedStatementTest, ATransactionCommitsAfterStatementsThatReturnedRows) {
    // SQLite refuses COMMIT while a statement that returned a row is still running.
    pool_.writeTransaction([&](soci::session& session) {
        long long id = 1, renamed = 0;
        const std::string name = "lovelace";
        pool_.prepared(session, "UPDATE prepared_people SET name = :name WHERE id = :id RETURNING id")
            .bind(soci::use(name), soci::use(id), soci::into(renamed))
            .execute(true);
        EXPECT_EQ(renamed, 1);
        EXPECT_EQ(nameOf(session, 2), "grace");
    });
    auto session = pool_.session();
    EXPECT_EQ(nameOf(*session, 1), "lovelace");
}

TEST_P(PreparedStatementTest, ASessionOfAnotherDatabaseIsRefused) {
    soci::session stranger;
    EXPECT_THROW(pool_.prepared(stranger, kSelectName), std::invalid_argument);
}

TEST_P(PreparedStatementTest, BeyondItsCapacityAConnectionPreparesForOneUseAndSaysSoOnce) {
    auto session = pool_.session();
    for (int i = 0; i < 300; ++i) {
        long long x = i, sum = 0;
        auto query = pool_.prepared(*session, "SELECT " + std::to_string(i) + " + :x");
        ASSERT_TRUE(query.bind(soci::use(x), soci::into(sum)).execute(true));
        EXPECT_EQ(sum, 2 * i);
    }
    std::size_t warnings = 0;
    for (const auto& line : logger_.lines()) warnings += line.find("prepared statements, its most") != std::string::npos;
    EXPECT_EQ(warnings, 1U);
}

INSTANTIATE_TEST_SUITE_P(Dialects, PreparedStatementTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return test::dialectName(dialect.param); });

int preparedCopiesOf(soci::session& session, const std::string& sql) {
    int copies = 0;
    session << "SELECT count(*) FROM pg_prepared_statements WHERE statement = :sql", soci::use(sql), soci::into(copies);
    return copies;
}

/// One PostgreSQL connection, to see its statements on the server.
class PostgresPreparedStatement : public ::testing::Test {
protected:
    PostgresPreparedStatement()
        : database_(TestDatabase::postgres()), pool(parseDatabaseUrl(database_.url()), 1, kAcquireTimeout, logger_) {
        pool.open(kConnectTimeout);
    }

    TestDatabase database_;
    test::CapturingLogger logger_;
    ConnectionPool pool;
};

TEST_F(PostgresPreparedStatement, TheServerPreparesTheStatementOncePerConnection) {
    const std::string sql = "SELECT 40 + :x";
    for (int i = 0; i < 5; ++i) {
        auto session = pool.session();
        long long x = i, sum = 0;
        pool.prepared(*session, sql).bind(soci::use(x), soci::into(sum)).execute(true);
        EXPECT_EQ(sum, 40 + i);
    }
    auto session = pool.session();
    // SOCI names the parameter $1 on the server.
    EXPECT_EQ(preparedCopiesOf(*session, "SELECT 40 + $1"), 1);
}

TEST_F(PostgresPreparedStatement, AConnectionTheServerKilledIsReplacedWithItsStatementsPreparedAgain) {
    const std::string sql = "SELECT 2 * :x";
    int pid = 0;
    {
        auto session = pool.session();
        long long x = 1, product = 0;
        pool.prepared(*session, sql).bind(soci::use(x), soci::into(product)).execute(true);
        *session << "SELECT pg_backend_pid()", soci::into(pid);
    }
    soci::session admin(soci::postgresql, parseDatabaseUrl(test::postgresAdminUrl()).connectString());
    int terminated = 0;
    admin << "SELECT pg_terminate_backend(:pid, 5000)::int", soci::use(pid), soci::into(terminated);
    ASSERT_EQ(terminated, 1);

    auto session = pool.session();
    long long x = 21, product = 0;
    ASSERT_TRUE(pool.prepared(*session, sql).bind(soci::use(x), soci::into(product)).execute(true));
    EXPECT_EQ(product, 42);
    EXPECT_EQ(preparedCopiesOf(*session, "SELECT 2 * $1"), 1);
}

}  // namespace
}  // namespace ocomms::db
