// `database.url`: `sqlite:PATH` or `postgresql://user:pass@host:port/db?option=value`.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

#include <ocomms/database.hpp>

namespace ocomms::db {

/// Its message never contains the password.
class InvalidDatabaseUrl : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    std::filesystem::path sqlitePath;  ///< absolute (relative paths resolve against the working directory)
    std::string host = "localhost";
    int port = 5432;
    std::string user;
    std::string password;
    std::string database;
    std::map<std::string, std::string> options;  ///< libpq options from the query string (sslmode, ...)

    /// "sqlite3" or "postgresql": the SOCI backend name.
    std::string backendName() const;
    /// The SOCI connection string. Holds the password: never log it.
    std::string connectString() const;
    /// What to name in messages: "127.0.0.1:5432/ocomms" or the SQLite file path.
    std::string endpoint() const;
    /// The URL with the password replaced by "***".
    std::string redacted() const;
    /// The same facts as the SDK shows them to plugins.
    DatabaseLocation location() const;
};

/// Throws InvalidDatabaseUrl saying what is wrong.
DatabaseUrl parseDatabaseUrl(const std::string& url);

}  // namespace ocomms::db
