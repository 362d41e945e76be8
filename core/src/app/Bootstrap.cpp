#include "app/Bootstrap.hpp"

#include <iostream>
#include <stdexcept>

namespace ocomms::app {

std::unique_ptr<log::LogSink> makeLogSink(const config::LoggingConfig& logging) {
    return std::make_unique<log::LogSink>(log::parseLogLevel(logging.level),
                                          logging.format == "json" ? log::Format::Json : log::Format::Text, std::cerr);
}

std::unique_ptr<db::ConnectionPool> openDatabase(const config::DatabaseConfig& database, Logger& logger) {
    auto url = db::parseDatabaseUrl(database.url);
    logger.info("connecting to database " + url.redacted());
    auto pool = std::make_unique<db::ConnectionPool>(url, database.poolSize, database.acquireTimeout, logger);
    pool->open(database.connectTimeout);
    return pool;
}

std::size_t applyMigrations(Database& database, const std::vector<db::MigrationSource>& sources, Logger& logger) {
    db::Migrator migrator(database);
    const auto applied = migrator.apply(sources);
    for (const auto& m : applied)
        logger.info("applied migration " + m.owner + " " + std::to_string(m.version) + " (" + m.name + ")");
    if (applied.empty()) logger.info("database schema is up to date");
    return applied.size();
}

void prepareSchema(Database& database, const std::vector<db::MigrationSource>& sources, bool autoMigrate,
                   Logger& logger) {
    if (autoMigrate) {
        applyMigrations(database, sources, logger);
    } else if (auto pending = db::Migrator(database).pending(sources); !pending.empty()) {
        throw std::runtime_error(std::to_string(pending.size()) + " migration(s) pending and database.auto_migrate "
                                                                  "is false: run `ocomms migrate` first");
    }
}

identity::IdentitySettings identitySettingsFrom(const config::AuthConfig& auth) {
    using std::chrono::duration_cast;
    using std::chrono::seconds;
    identity::IdentitySettings settings;
    settings.passwordCost.memoryBytes = static_cast<std::uint64_t>(auth.passwordMemoryKib) * 1024;
    settings.passwordCost.iterations = static_cast<std::uint64_t>(auth.passwordIterations);
    settings.sessionTtl = duration_cast<seconds>(auth.sessionTtl);
    settings.inviteTtl = duration_cast<seconds>(auth.inviteTtl);
    settings.openRegistration = auth.openRegistration;
    settings.loginLimits = {auth.loginAttemptsPerAccount, auth.loginAttemptsPerAddress,
                            duration_cast<seconds>(auth.loginWindow)};
    return settings;
}

void printIssues(const std::vector<config::ConfigIssue>& issues, std::ostream& out) {
    for (const auto& issue : issues) out << issue.toString() << '\n';
}

}  // namespace ocomms::app
