#include "support/TestDatabases.hpp"

#include <cstdlib>
#include <iostream>
#include <random>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "db/DatabaseUrl.hpp"
#include "db/UrlParts.hpp"
#include "util/PercentEncoding.hpp"

namespace ocomms::test {
namespace {

std::string randomSuffix() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) out += kDigits[random() % 16];
    return out;
}

std::string shellQuoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The admin URL with another database, keeping user, password and options.
std::string withDatabase(const db::DatabaseUrl& admin, const std::string& database) {
    std::string url = "postgresql://";
    if (!admin.user.empty() || !admin.password.empty()) {
        url += util::percentEncode(admin.user);
        if (!admin.password.empty()) url += ":" + util::percentEncode(admin.password);
        url += "@";
    }
    const bool ipv6 = admin.host.find(':') != std::string::npos;
    url += (ipv6 ? "[" + admin.host + "]" : util::percentEncode(admin.host)) + ":" + std::to_string(admin.port);
    url += "/" + database;
    char separator = '?';
    for (const auto& [name, value] : admin.options) {
        url += separator + name + "=" + util::percentEncode(value);
        separator = '&';
    }
    return url;
}

void executeAsAdmin(const std::string& sql) {
    const db::DatabaseUrl admin = db::parseDatabaseUrl(postgresAdminUrl());
    soci::session session(soci::postgresql, admin.connectString());
    session << sql;
}

}  // namespace

std::string requireEnv(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        throw std::runtime_error(std::string(name) +
                                 " is not set: run the tests through scripts/test, which starts PostgreSQL and "
                                 "Redis for them and exports it");
    }
    return value;
}

std::string postgresAdminUrl() { return requireEnv("OCOMMS_TEST_PG_URL"); }

std::string redisUrl() { return requireEnv("OCOMMS_TEST_REDIS_URL"); }

void controlPostgres(const std::string& action) {
    const std::string command = shellQuoted(requireEnv("OCOMMS_TEST_PG_CONTROL")) + " " + shellQuoted(action);
    const int status = std::system(command.c_str());
    if (status != 0) {
        throw std::runtime_error("`" + command + "` failed with status " + std::to_string(status));
    }
}

TestDatabase TestDatabase::sqlite() {
    const auto folder = std::filesystem::temp_directory_path() / ("ocomms-test-" + randomSuffix());
    std::filesystem::create_directories(folder);
    return TestDatabase(Dialect::Sqlite, "sqlite:" + (folder / "ocomms.db").string(), folder, "");
}

TestDatabase TestDatabase::postgres() {
    const db::DatabaseUrl admin = db::parseDatabaseUrl(postgresAdminUrl());
    // Only [a-z0-9_] goes into the name, so building the statement from it is safe.
    const std::string name = "ocomms_test_" + randomSuffix();
    executeAsAdmin("CREATE DATABASE " + name);
    return TestDatabase(Dialect::Postgres, withDatabase(admin, name), {}, name);
}

TestDatabase TestDatabase::create(Dialect dialect) {
    return dialect == Dialect::Sqlite ? sqlite() : postgres();
}

TestDatabase::TestDatabase(Dialect dialect, std::string url, std::filesystem::path folder, std::string postgresName)
    : dialect_(dialect), url_(std::move(url)), sqliteFolder_(std::move(folder)), postgresName_(std::move(postgresName)) {}

TestDatabase::TestDatabase(TestDatabase&& other) noexcept
    : dialect_(other.dialect_), url_(std::move(other.url_)), sqliteFolder_(std::exchange(other.sqliteFolder_, {})),
      postgresName_(std::exchange(other.postgresName_, {})) {}

TestDatabase::~TestDatabase() {
    try {
        if (!sqliteFolder_.empty()) std::filesystem::remove_all(sqliteFolder_);
        if (!postgresName_.empty()) executeAsAdmin("DROP DATABASE IF EXISTS " + postgresName_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
        const std::string what = postgresName_.empty() ? sqliteFolder_.string() : postgresName_;
        std::cerr << "warning: could not remove test database " << what << ": " << e.what() << '\n';
    }
}

std::string dialectName(Dialect dialect) { return dialect == Dialect::Sqlite ? "sqlite" : "postgres"; }

}  // namespace ocomms::test
