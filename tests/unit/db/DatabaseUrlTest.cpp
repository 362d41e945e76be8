#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "db/DatabaseUrl.hpp"
#include "support/ErrorMessage.hpp"

namespace ocomms::db {
namespace {

constexpr const char* kSecret = "Sup3rSecret";

std::string errorOf(const std::string& url) {
    return test::errorMessageOf<InvalidDatabaseUrl>([&] { parseDatabaseUrl(url); });
}

/// What libpq itself reads from a connect string, keyword by keyword.
std::string libpqValue(const std::string& connectString, const std::string& keyword) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(connectString.c_str(), &error);
    if (options == nullptr) {
        std::string message = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        ADD_FAILURE() << "libpq cannot parse the connect string: " << message;
        return {};
    }
    std::string value = "<unset>";
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (keyword == option->keyword && option->val != nullptr) value = option->val;
    }
    PQconninfoFree(options);
    return value;
}

TEST(DatabaseUrl, SqliteRelativePathResolvesAgainstWorkingDirectory) {
    const DatabaseUrl url = parseDatabaseUrl("sqlite:data/ocomms.db");
    EXPECT_EQ(url.dialect, Dialect::Sqlite);
    EXPECT_EQ(url.sqlitePath, std::filesystem::current_path() / "data" / "ocomms.db");
    EXPECT_EQ(url.backendName(), "sqlite3");
}

TEST(DatabaseUrl, SqliteAcceptsAbsolutePathsInBothForms) {
    EXPECT_EQ(parseDatabaseUrl("sqlite:/var/lib/ocomms/ocomms.db").sqlitePath, "/var/lib/ocomms/ocomms.db");
    EXPECT_EQ(parseDatabaseUrl("sqlite:///var/lib/ocomms/ocomms.db").sqlitePath, "/var/lib/ocomms/ocomms.db");
}

TEST(DatabaseUrl, SqliteRejectsDoubleSlashWithoutAbsolutePath) {
    EXPECT_NE(errorOf("sqlite://data/ocomms.db").find("absolute path"), std::string::npos);
}

TEST(DatabaseUrl, SqliteRejectsMissingPathMemoryAndQuotes) {
    EXPECT_NE(errorOf("sqlite:").find("needs a file path"), std::string::npos);
    EXPECT_NE(errorOf("sqlite::memory:").find("in-memory"), std::string::npos);
    EXPECT_NE(errorOf("sqlite:/tmp/a\"b.db").find("must not contain"), std::string::npos);
}

TEST(DatabaseUrl, SqliteConnectStringUsesSociKeywordsAndQuotesSpaces) {
    EXPECT_EQ(parseDatabaseUrl("sqlite:/tmp/ocomms.db").connectString(), "db=/tmp/ocomms.db timeout=5");
    EXPECT_EQ(parseDatabaseUrl("sqlite:/tmp/my data/ocomms.db").connectString(),
              "db=\"/tmp/my data/ocomms.db\" timeout=5");
}

TEST(DatabaseUrl, SqliteEndpointAndRedactedShowThePath) {
    const DatabaseUrl url = parseDatabaseUrl("sqlite:/tmp/ocomms.db");
    EXPECT_EQ(url.endpoint(), "/tmp/ocomms.db");
    EXPECT_EQ(url.redacted(), "sqlite:/tmp/ocomms.db");
}

TEST(DatabaseUrl, PostgresUrlFillsEveryPart) {
    const DatabaseUrl url = parseDatabaseUrl("postgresql://alice:s3cret@db.example.com:6543/chat?sslmode=require");
    EXPECT_EQ(url.dialect, Dialect::Postgres);
    EXPECT_EQ(url.user, "alice");
    EXPECT_EQ(url.password, "s3cret");
    EXPECT_EQ(url.host, "db.example.com");
    EXPECT_EQ(url.port, 6543);
    EXPECT_EQ(url.database, "chat");
    EXPECT_EQ(url.options, (std::map<std::string, std::string>{{"sslmode", "require"}}));
    EXPECT_EQ(url.backendName(), "postgresql");
    EXPECT_EQ(url.endpoint(), "db.example.com:6543/chat");
}

TEST(DatabaseUrl, PostgresSchemeAliasAndDefaults) {
    const DatabaseUrl url = parseDatabaseUrl("postgres://db.example.com/chat");
    EXPECT_EQ(url.dialect, Dialect::Postgres);
    EXPECT_EQ(url.port, 5432);
    EXPECT_TRUE(url.user.empty());
    EXPECT_TRUE(url.password.empty());
    EXPECT_EQ(parseDatabaseUrl("postgresql:///chat").host, "localhost");
    EXPECT_EQ(parseDatabaseUrl("PostgreSQL://h/chat").dialect, Dialect::Postgres);
}

TEST(DatabaseUrl, PostgresPartsArePercentDecoded) {
    const DatabaseUrl url = parseDatabaseUrl("postgresql://al%40ice:p%3Aw%2Fd%40%25@h/my%20db");
    EXPECT_EQ(url.user, "al@ice");
    EXPECT_EQ(url.password, "p:w/d@%");
    EXPECT_EQ(url.database, "my db");
}

TEST(DatabaseUrl, PostgresUnescapedAtInPasswordSplitsAtTheLastAt) {
    EXPECT_EQ(parseDatabaseUrl("postgresql://u:p@ss@h/db").password, "p@ss");
}

TEST(DatabaseUrl, PostgresIpv6HostAndSocketFolder) {
    const DatabaseUrl v6 = parseDatabaseUrl("postgresql://u@[::1]:5433/db");
    EXPECT_EQ(v6.host, "::1");
    EXPECT_EQ(v6.endpoint(), "[::1]:5433/db");
    EXPECT_EQ(parseDatabaseUrl("postgresql://u@%2Fvar%2Frun%2Fpostgresql/db").host, "/var/run/postgresql");
}

TEST(DatabaseUrl, PostgresErrorsSayWhatIsWrong) {
    EXPECT_NE(errorOf("postgresql://h:99999/db").find("port"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h:abc/db").find("port"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h:/db").find("port"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h:5432").find("no database"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h:5432/").find("no database"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://u%zz@h/db").find("%-escape in the user name"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://u:p%00w@h/db").find("%-escape in the password"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h/db?sslmode").find("name=value"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h/db?sslmode=").find("sslmode has no value"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h/db?sslmode=a&sslmode=b").find("given twice"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h/db?user=x").find("set user in the URL itself"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://h/db?SSLMODE=x").find("option names"), std::string::npos);
    EXPECT_NE(errorOf("postgresql://[::1/db").find("']'"), std::string::npos);
    EXPECT_NE(errorOf("postgresql:/h/db").find("postgresql://"), std::string::npos);
    EXPECT_NE(errorOf("mysql://h/db").find("unsupported scheme 'mysql'"), std::string::npos);
    EXPECT_NE(errorOf("just-text").find("no scheme"), std::string::npos);
    EXPECT_NE(errorOf("").find("empty"), std::string::npos);
}

TEST(DatabaseUrl, PasswordIsInNoErrorMessage) {
    const std::vector<std::string> urls = {
        std::string("postgresql://u:") + kSecret + "@h:99999/db",
        std::string("postgresql://u:") + kSecret + "@h:5432",
        std::string("postgresql://u:") + kSecret + "%zz@h/db",
        std::string("postgresql://u:Sup3r/Secret@h/db"),      // unescaped '/' ends the host early
        std::string("postgresql://u:Sup3r?Secret@h/db"),      // unescaped '?' starts the query early
        std::string("postgresql://u:Sup3r:Secret/x@h/db"),    // "Secret/x" would look like a port
        std::string("postgresql://u:") + kSecret + "@h/db?password=" + kSecret,
        std::string("postgresql://u:") + kSecret + "@[::1/db",
        std::string("postgresql:/u:") + kSecret + "@h/db",
        std::string("mysql://u:") + kSecret + "@h/db",
        std::string("u:") + kSecret + "@h/db",
        std::string(kSecret),
    };
    for (const std::string& url : urls) {
        const std::string message = errorOf(url);
        EXPECT_FALSE(message.empty()) << url;
        EXPECT_EQ(message.find("Sup3r"), std::string::npos) << message;
        EXPECT_EQ(message.find("Secret"), std::string::npos) << message;
    }
}

TEST(DatabaseUrl, RedactedReplacesThePassword) {
    EXPECT_EQ(parseDatabaseUrl("postgresql://alice:s3cret@h:5432/chat?sslmode=require").redacted(),
              "postgresql://alice:***@h:5432/chat?sslmode=require");
    EXPECT_EQ(parseDatabaseUrl("postgres://alice@h/chat").redacted(), "postgresql://alice@h:5432/chat");
    EXPECT_EQ(parseDatabaseUrl("postgresql://h/chat").redacted(), "postgresql://h:5432/chat");
    const std::string redacted = parseDatabaseUrl(std::string("postgresql://a%20b:") + kSecret + "@[::1]/c").redacted();
    EXPECT_EQ(redacted, "postgresql://a%20b:***@[::1]:5432/c");
}

TEST(DatabaseUrl, PostgresConnectStringUsesLibpqKeywordsWithDefaults) {
    EXPECT_EQ(parseDatabaseUrl("postgresql://alice:s3cret@h:6543/chat?sslmode=require").connectString(),
              "host=h port=6543 dbname=chat user=alice password=s3cret sslmode=require connect_timeout=3 "
              "tcp_user_timeout=5000 application_name=ocomms");
    EXPECT_EQ(parseDatabaseUrl("postgresql://h/chat").connectString(),
              "host=h port=5432 dbname=chat connect_timeout=3 tcp_user_timeout=5000 application_name=ocomms");
}

TEST(DatabaseUrl, PostgresConnectStringKeepsTimeoutsAndNameFromTheUrl) {
    const std::string connect =
        parseDatabaseUrl("postgresql://h/chat?connect_timeout=10&application_name=ocomms-test").connectString();
    EXPECT_EQ(libpqValue(connect, "connect_timeout"), "10");
    EXPECT_EQ(libpqValue(connect, "application_name"), "ocomms-test");
    EXPECT_EQ(connect.find("connect_timeout=3"), std::string::npos);
}

TEST(DatabaseUrl, PostgresConnectStringQuotingSurvivesLibpq) {
    const std::string password = "it's a \\ secret= 'x'";
    const DatabaseUrl url = parseDatabaseUrl(
        "postgresql://bob%20smith:it's%20a%20%5C%20secret%3D%20'x'@h/my%20'db'%5C?sslrootcert=%2Fa%20b%2Fca.pem");
    ASSERT_EQ(url.password, password);
    const std::string connect = url.connectString();
    EXPECT_EQ(libpqValue(connect, "user"), "bob smith");
    EXPECT_EQ(libpqValue(connect, "password"), password);
    EXPECT_EQ(libpqValue(connect, "dbname"), "my 'db'\\");
    EXPECT_EQ(libpqValue(connect, "sslrootcert"), "/a b/ca.pem");
    EXPECT_EQ(libpqValue(connect, "host"), "h");
    EXPECT_NE(connect.find("password='it\\'s a \\\\ secret= \\'x\\''"), std::string::npos) << connect;
}

TEST(DatabaseUrl, LocationShowsPluginsEveryPartOfAPostgresUrl) {
    const DatabaseLocation location =
        parseDatabaseUrl("postgresql://alice:s3cret@db.example:6543/chat?sslmode=require").location();
    EXPECT_EQ(location.dialect, Dialect::Postgres);
    EXPECT_EQ(location.host, "db.example");
    EXPECT_EQ(location.port, 6543);
    EXPECT_EQ(location.user, "alice");
    EXPECT_EQ(location.password, "s3cret");
    EXPECT_EQ(location.dbname, "chat");
    EXPECT_EQ(location.options, (std::map<std::string, std::string>{{"sslmode", "require"}}));
    EXPECT_TRUE(location.sqlitePath.empty());
}

TEST(DatabaseUrl, LocationOfSqliteIsTheAbsoluteFile) {
    const DatabaseLocation location = parseDatabaseUrl("sqlite:///srv/ocomms/ocomms.db").location();
    EXPECT_EQ(location.dialect, Dialect::Sqlite);
    EXPECT_EQ(location.sqlitePath, std::filesystem::path("/srv/ocomms/ocomms.db"));
    EXPECT_TRUE(location.host.empty());
}

}  // namespace
}  // namespace ocomms::db
