// Start-up steps shared by the commands: logging, the database, migrations, reporting problems.
#pragma once

#include <iosfwd>
#include <memory>
#include <vector>

#include "config/ConfigError.hpp"
#include "config/HostConfig.hpp"
#include "db/ConnectionPool.hpp"
#include "db/Migrator.hpp"
#include "identity/IdentitySettings.hpp"
#include "log/LogSink.hpp"

namespace ocomms::app {

std::unique_ptr<log::LogSink> makeLogSink(const config::LoggingConfig& logging);

/// Opens the pool, retrying an unreachable server for `database.connect_timeout`.
/// Throws DatabaseUnavailable or db::InvalidDatabaseUrl; neither message holds the password.
std::unique_ptr<db::ConnectionPool> openDatabase(const config::DatabaseConfig& database, Logger& logger);

/// Applies pending migrations and logs each one; returns how many were applied.
std::size_t applyMigrations(Database& database, const std::vector<db::MigrationSource>& sources, Logger& logger);

/// What `serve` does with the schema, for every command that runs plugins: applies pending migrations,
/// or, with `database.auto_migrate: false`, refuses (std::runtime_error) while any is pending.
void prepareSchema(Database& database, const std::vector<db::MigrationSource>& sources, bool autoMigrate,
                   Logger& logger);

/// The identity service's settings from the `auth:` section.
identity::IdentitySettings identitySettingsFrom(const config::AuthConfig& auth);

/// One line per issue: "file:line:column: key.path: message".
void printIssues(const std::vector<config::ConfigIssue>& issues, std::ostream& out);

}  // namespace ocomms::app
