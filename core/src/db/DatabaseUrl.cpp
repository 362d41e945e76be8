#include "db/DatabaseUrl.hpp"

#include "util/PercentEncoding.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "db/UrlParts.hpp"

namespace ocomms::db {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
// Bounds the wait for a server that drops packets instead of refusing the connection.
constexpr std::string_view kDefaultConnectTimeoutSeconds = "3";
// Without it a query to a server that vanished mid-connection waits for TCP to give up (minutes).
constexpr std::string_view kDefaultTcpUserTimeoutMs = "5000";
// Set from the URL's own parts; a second value in the query string would silently win in libpq.
constexpr std::array<std::string_view, 5> kOptionsOwnedByTheUrl = {"host", "port", "dbname", "user", "password"};

[[noreturn]] void fail(const std::string& reason) { throw InvalidDatabaseUrl("invalid database URL: " + reason); }

std::string decodedOrFail(std::string_view text, const char* what) {
    auto result = decodeUrlComponent(text);
    if (!result) fail(std::string("malformed %-escape in the ") + what);
    return *result;
}

DatabaseUrl parseSqlite(std::string_view rest) {
    std::string_view path = rest;
    if (rest.starts_with("//")) {
        path = rest.substr(2);
        if (!path.starts_with('/')) {
            fail("sqlite:// must be followed by an absolute path, as in sqlite:///var/lib/ocomms/ocomms.db "
                 "(a relative path is written sqlite:data/ocomms.db)");
        }
    }
    if (path.empty()) fail("sqlite: needs a file path, as in sqlite:data/ocomms.db");
    if (path == ":memory:") {
        fail("in-memory SQLite is not supported: every pooled connection would see its own empty database");
    }
    // SOCI's connect string can quote a path with spaces but has no escape for a double quote.
    if (path.find('"') != std::string_view::npos) fail("the SQLite path must not contain '\"'");

    DatabaseUrl url;
    url.dialect = Dialect::Sqlite;
    url.sqlitePath = std::filesystem::absolute(std::filesystem::path(path)).lexically_normal();
    return url;
}

bool isOptionName(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::map<std::string, std::string> parseOptions(std::string_view query) {
    std::map<std::string, std::string> options;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;

        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) fail("every option in the query string needs the form name=value");
        const std::string name = decodedOrFail(pair.substr(0, eq), "option name");
        if (!isOptionName(name)) fail("option names are lower-case letters and '_' (libpq keywords)");
        if (std::find(kOptionsOwnedByTheUrl.begin(), kOptionsOwnedByTheUrl.end(), name) !=
            kOptionsOwnedByTheUrl.end()) {
            fail("set " + name + " in the URL itself, not as ?" + name + "=");
        }
        std::string value = decodedOrFail(pair.substr(eq + 1), "option value");
        if (value.empty()) fail("option " + name + " has no value");
        if (!options.emplace(name, std::move(value)).second) fail("option " + name + " is given twice");
    }
    return options;
}

DatabaseUrl parsePostgres(std::string_view text) {
    UrlParts parts;
    try {
        parts = splitUrl(text);
    } catch (const UrlSyntaxError& e) {
        fail(e.what());
    }
    DatabaseUrl url;
    url.dialect = Dialect::Postgres;
    if (!parts.host.empty()) url.host = parts.host;
    url.port = parts.port.value_or(url.port);
    url.user = parts.user;
    url.password = parts.password;
    if (parts.path.size() > 1) url.database = decodedOrFail(std::string_view(parts.path).substr(1), "database name");
    if (url.database.empty()) fail("no database named: add /DBNAME after the host, as in postgresql://host:5432/ocomms");
    url.options = parseOptions(parts.query);
    return url;
}

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view schemeOf(std::string_view text) {
    const auto colon = text.find(':');
    return colon == std::string_view::npos ? std::string_view() : text.substr(0, colon);
}

/// libpq keyword values: quoted when empty or holding whitespace, quotes or backslashes.
std::string quotedForLibpq(std::string_view value) {
    const bool plain = !value.empty() && value.find_first_of(" \t\n\r\f\v'\\") == std::string_view::npos;
    if (plain) return std::string(value);
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

void appendKeyword(std::string& out, std::string_view keyword, std::string_view value) {
    if (!out.empty()) out += ' ';
    out.append(keyword).append("=").append(quotedForLibpq(value));
}

std::string hostForUrl(const std::string& host) {
    if (host.find(':') != std::string::npos) return "[" + host + "]";
    return util::percentEncode(host);
}

}  // namespace

DatabaseUrl parseDatabaseUrl(const std::string& url) {
    if (url.empty()) fail("it is empty; use sqlite:PATH or postgresql://user:password@host:port/database");
    const std::string_view text = url;
    const std::string scheme = lowerCase(schemeOf(text));
    if (scheme == "sqlite") return parseSqlite(text.substr(kSqlitePrefix.size()));
    if (scheme == "postgresql" || scheme == "postgres") {
        if (!text.substr(scheme.size()).starts_with("://")) fail("expected " + scheme + "://host:port/database");
        return parsePostgres(text);
    }
    if (scheme.empty()) fail("no scheme; use sqlite:PATH or postgresql://user:password@host:port/database");
    // Only text before the first ':' is quoted: a password always comes after one.
    fail("unsupported scheme '" + scheme + "'; use sqlite:PATH or postgresql://...");
}

std::string DatabaseUrl::backendName() const { return dialect == Dialect::Sqlite ? "sqlite3" : "postgresql"; }

std::string DatabaseUrl::connectString() const {
    if (dialect == Dialect::Sqlite) {
        const std::string path = sqlitePath.string();
        // SOCI splits its connect string at spaces; a quoted value may hold them.
        const bool needsQuotes = path.find(' ') != std::string::npos;
        return "db=" + (needsQuotes ? "\"" + path + "\"" : path) + " timeout=5";
    }
    std::string out;
    appendKeyword(out, "host", host);
    appendKeyword(out, "port", std::to_string(port));
    appendKeyword(out, "dbname", database);
    if (!user.empty()) appendKeyword(out, "user", user);
    if (!password.empty()) appendKeyword(out, "password", password);
    for (const auto& [name, value] : options) appendKeyword(out, name, value);
    if (!options.contains("connect_timeout")) appendKeyword(out, "connect_timeout", kDefaultConnectTimeoutSeconds);
    if (!options.contains("tcp_user_timeout")) appendKeyword(out, "tcp_user_timeout", kDefaultTcpUserTimeoutMs);
    if (!options.contains("application_name")) appendKeyword(out, "application_name", "ocomms");
    return out;
}

std::string DatabaseUrl::endpoint() const {
    if (dialect == Dialect::Sqlite) return sqlitePath.string();
    const std::string shownHost = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return shownHost + ":" + std::to_string(port) + "/" + database;
}

std::string DatabaseUrl::redacted() const {
    if (dialect == Dialect::Sqlite) return std::string(kSqlitePrefix) + sqlitePath.string();
    std::string out = "postgresql://";
    if (!user.empty() || !password.empty()) {
        out += util::percentEncode(user);
        if (!password.empty()) out += ":***";
        out += '@';
    }
    out += hostForUrl(host) + ":" + std::to_string(port) + "/" + util::percentEncode(database);
    char separator = '?';
    for (const auto& [name, value] : options) {
        out += separator + name + "=" + util::percentEncode(value);
        separator = '&';
    }
    return out;
}

DatabaseLocation DatabaseUrl::location() const {
    DatabaseLocation out;
    out.dialect = dialect;
    if (dialect == Dialect::Sqlite) {
        out.sqlitePath = sqlitePath;
        return out;
    }
    out.host = host;
    out.port = port;
    out.user = user;
    out.password = password;
    out.dbname = database;
    out.options = options;
    return out;
}

}  // namespace ocomms::db
