// One plugin's HostContext: everything registered through it is tagged with the plugin's name.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <ocomms/host_context.hpp>

#include "orgdata/OwnedOrganizationData.hpp"
#include "plugin/CoreServices.hpp"
#include "realtime/hub/OwnedHub.hpp"
#include "realtime/presence/OwnedPresence.hpp"

namespace ocomms::plugin {

class PluginContext final : public HostContext {
public:
    PluginContext(CoreServices& services, std::string name, Settings settings, std::shared_ptr<const void> keepAlive);

    const std::string& pluginName() const override { return name_; }
    const HostInfo& info() const override { return services_.info; }
    const Settings& settings() const override { return settings_; }
    http::Router& router() override { return router_; }
    Database& database() override;
    EventBus& events() override { return events_; }
    HealthChecks& health() override { return health_; }
    Identity& identity() override;
    Logger& logger() override { return logger_; }
    realtime::Hub& realtime() override;
    realtime::Presence& presence() override;
    orgdata::OrganizationData& organizationData() override;

    /// Removes every route, event handler, health check, realtime handler, presence handler and export
    /// contributor this plugin registered.
    void removeRegistrations();

private:
    CoreServices& services_;
    std::string name_;
    Settings settings_;
    http::OwnedRouter router_;
    events::OwnedEventBus events_;
    health::OwnedHealthChecks health_;
    log::ComponentLogger logger_;
    std::optional<realtime::OwnedHub> hub_;             ///< when the command runs a hub
    std::optional<realtime::OwnedPresence> presence_;   ///< when the command tracks presence
    std::optional<orgdata::OwnedOrganizationData> organizationData_;  ///< when the command exports or imports
};

}  // namespace ocomms::plugin
