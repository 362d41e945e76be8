#include "cli/PluginCommandHost.hpp"

#include <iostream>

#include "app/Bootstrap.hpp"
#include "app/ExitCode.hpp"
#include "cli/CommandConfig.hpp"
#include "events/EventBusImpl.hpp"
#include "health/HealthRegistry.hpp"
#include "http/RouteTable.hpp"
#include "plugin/PluginHost.hpp"

namespace ocomms::cli {

int withStartedPlugins(const Invocation& invocation, const std::function<int(StartedPlugins&)>& task) {
    const auto loaded = loadCommandConfig(invocation);
    if (!loaded) return app::kExitUsage;
    const config::HostConfig& config = *loaded;
    auto sink = quietLogSink(config.logging);
    log::ComponentLogger logger(*sink, invocation.command);

    http::RouteTable routes;  // plugins register their routes; nothing serves them here
    events::EventBusImpl events(logger);
    health::HealthRegistry health;
    std::unique_ptr<db::ConnectionPool> pool;
    std::unique_ptr<identity::IdentityService> identityService;
    orgdata::ContributorRegistry contributors;
    auto core = std::make_shared<orgdata::CoreContributor>();
    plugin::CoreServices services{routes, events, health, *sink, nullptr,
                                  HostInfo{OCOMMS_VERSION, config.server.publicUrl, config.dataDir},
                                  nullptr, nullptr, nullptr, &contributors};
    // Declared after the services it hands out, so that plugins stop before those go away.
    plugin::PluginHost plugins(config, logger);
    if (auto issues = plugins.load(); !issues.empty()) {
        app::printIssues(issues, std::cerr);
        return app::kExitUsage;
    }
    try {
        pool = app::openDatabase(config.database, logger);
        app::prepareSchema(*pool, plugins.migrationSources(), config.database.autoMigrate, logger);
        identityService =
            std::make_unique<identity::IdentityService>(*pool, app::identitySettingsFrom(config.auth), logger);
        contributors.add(orgdata::kCoreOwner, nullptr, core);
        services.database = pool.get();
        services.identity = identityService.get();
        plugins.start(services);
        StartedPlugins started{*pool, *identityService, contributors, *core};
        const int code = task(started);
        plugins.stop();
        return code;
    } catch (const std::exception& e) {
        plugins.stop();
        std::cerr << "ocomms " << invocation.command << ": " << e.what() << '\n';
        return app::kExitFailure;
    }
}

}  // namespace ocomms::cli
