#include "cli/Commands.hpp"

#include <iomanip>
#include <iostream>
#include <optional>

#include "app/Bootstrap.hpp"
#include "app/ExitCode.hpp"
#include "app/Server.hpp"
#include "cli/AdminCommands.hpp"
#include "cli/CommandConfig.hpp"
#include "cli/OrgDataCommands.hpp"
#include "config/ListenAddress.hpp"
#include "plugin/PluginHost.hpp"
#include "redis/RedisClient.hpp"

namespace ocomms::cli {
namespace {

/// Problems that only show once values are parsed by the parts that use them.
std::vector<config::ConfigIssue> checkConnectionUrls(const config::HostConfig& config) {
    std::vector<config::ConfigIssue> issues;
    const config::SourceLocation where{config.file.string(), 0, 0};
    try {
        db::parseDatabaseUrl(config.database.url);
    } catch (const std::exception& e) {
        issues.push_back({where, "database.url", e.what()});
    }
    if (!config.redis.url.empty()) {
        try {
            redis::parseRedisUrl(config.redis.url);
        } catch (const std::exception& e) {
            issues.push_back({where, "redis.url", e.what()});
        }
    }
    return issues;
}

}  // namespace

int runServe(const Invocation& invocation) {
    auto config = loadCommandConfig(invocation);
    if (!config) return app::kExitUsage;
    if (auto it = invocation.options.find("--listen"); it != invocation.options.end()) {
        const auto listen = config::parseListenAddress(it->second);
        if (!listen.problem.empty()) {
            std::cerr << "ocomms: --listen: " << listen.problem << '\n';
            return app::kExitUsage;
        }
        config->server.listenHost = listen.address.host;
        config->server.listenPort = listen.address.port;
    }
    return app::serve(*config);
}

int runConfigCheck(const Invocation& invocation) {
    // Plugins are checked even when the core sections have problems, so that one run shows everything.
    auto [issues, config] = config::readHostConfig(invocation.options.at("--config"));
    const bool coreValid = issues.empty();
    if (coreValid) {
        auto urlIssues = checkConnectionUrls(config);
        issues.insert(issues.end(), urlIssues.begin(), urlIssues.end());
    }
    auto sink = app::makeLogSink(config.logging);
    log::ComponentLogger logger(*sink, "config");
    plugin::PluginHost plugins(config, logger);
    auto pluginIssues = plugins.load();
    issues.insert(issues.end(), pluginIssues.begin(), pluginIssues.end());
    if (!issues.empty()) {
        app::printIssues(issues, std::cerr);
        std::cerr << issues.size() << " problem(s) in " << config.file.string() << '\n';
        return app::kExitUsage;
    }
    std::string names;
    for (const auto& entry : config.plugins)
        if (entry.enabled) names += (names.empty() ? "" : ", ") + entry.name;
    std::cout << config.file.string() << ": OK (plugins enabled: " << (names.empty() ? "none" : names) << ")\n";
    return app::kExitOk;
}

int runMigrate(const Invocation& invocation) {
    auto config = loadCommandConfig(invocation);
    if (!config) return app::kExitUsage;
    auto sink = app::makeLogSink(config->logging);
    log::ComponentLogger logger(*sink, "migrate");
    plugin::PluginHost plugins(*config, logger);
    if (auto issues = plugins.load(); !issues.empty()) {
        app::printIssues(issues, std::cerr);
        return app::kExitUsage;
    }
    try {
        auto pool = app::openDatabase(config->database, logger);
        const auto applied = app::applyMigrations(*pool, plugins.migrationSources(), logger);
        std::cout << "applied " << applied << " migration(s)\n";
        return app::kExitOk;
    } catch (const std::exception& e) {
        std::cerr << "ocomms migrate: " << e.what() << '\n';
        return app::kExitFailure;
    }
}

int runPluginsList(const Invocation& invocation) {
    auto config = loadCommandConfig(invocation);
    if (!config) return app::kExitUsage;
    auto sink = app::makeLogSink(config->logging);
    log::ComponentLogger logger(*sink, "plugins");
    plugin::PluginHost plugins(*config, logger);
    const auto reports = plugins.report();

    std::size_t nameWidth = 4, versionWidth = 7;
    for (const auto& r : reports) {
        nameWidth = std::max(nameWidth, r.name.size());
        versionWidth = std::max(versionWidth, r.version.size());
    }
    std::cout << std::left << std::setw(static_cast<int>(nameWidth) + 2) << "NAME"
              << std::setw(static_cast<int>(versionWidth) + 2) << "VERSION" << "API  ENABLED  LOADS  FILE\n";
    bool allLoad = true;
    for (const auto& r : reports) {
        const bool mustLoad = r.enabled && !r.optional;
        allLoad = allLoad && (r.loads || !mustLoad);
        std::cout << std::left << std::setw(static_cast<int>(nameWidth) + 2) << r.name
                  << std::setw(static_cast<int>(versionWidth) + 2) << (r.version.empty() ? "-" : r.version)
                  << std::setw(5) << (r.apiVersion ? std::to_string(r.apiVersion) : "-")
                  << std::setw(9) << (r.enabled ? (r.optional ? "optional" : "yes") : "no")
                  << std::setw(7) << (r.loads ? "yes" : "no") << (r.file.empty() ? "-" : r.file.string()) << '\n';
        if (!r.loads) std::cout << "    " << r.problem << '\n';
    }
    return allLoad ? app::kExitOk : app::kExitFailure;
}

int run(const Invocation& invocation) {
    if (invocation.version) {
        std::cout << "ocomms " << OCOMMS_VERSION << " (SDK API " << OCOMMS_SDK_API_VERSION << "; "
                  << OCOMMS_BUILD_SIGNATURE << ")\n";
        return app::kExitOk;
    }
    if (invocation.help || invocation.command.empty()) {
        std::cout << helpText(invocation.command);
        return app::kExitOk;
    }
    if (invocation.command == "serve") return runServe(invocation);
    if (invocation.command == "config check") return runConfigCheck(invocation);
    if (invocation.command == "migrate") return runMigrate(invocation);
    if (invocation.command == "plugins list") return runPluginsList(invocation);
    if (invocation.command == "export") return runExport(invocation);
    if (invocation.command == "import") return runImport(invocation);
    if (invocation.command == "admin create-org") return runAdminCreateOrg(invocation);
    if (invocation.command == "admin reset-password") return runAdminResetPassword(invocation);
    if (invocation.command == "admin list-users") return runAdminListUsers(invocation);
    if (invocation.command == "admin deactivate-user") return runAdminDeactivateUser(invocation);
    std::cerr << "ocomms: unknown command '" << invocation.command << "'\n";
    return app::kExitUsage;
}

}  // namespace ocomms::cli
