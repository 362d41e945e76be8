#include "plugin/PluginContext.hpp"

#include <stdexcept>

namespace ocomms::plugin {

PluginContext::PluginContext(CoreServices& services, std::string name, Settings settings,
                             std::shared_ptr<const void> keepAlive)
    : services_(services),
      name_(std::move(name)),
      settings_(std::move(settings)),
      router_(services.routes, name_, keepAlive),
      events_(services.events, name_, keepAlive),
      health_(services.health, name_, keepAlive),
      logger_(services.logSink, name_) {
    if (services.hub != nullptr) hub_.emplace(*services.hub, name_, keepAlive);
    if (services.presence != nullptr) presence_.emplace(*services.presence, name_, keepAlive);
    if (services.organizationData != nullptr) {
        organizationData_.emplace(*services.organizationData, name_, keepAlive, services.database,
                                  services.info.version);
    }
}

Database& PluginContext::database() {
    if (services_.database == nullptr) throw std::logic_error("no database is open in this command");
    return *services_.database;
}

Identity& PluginContext::identity() {
    if (services_.identity == nullptr) throw std::logic_error("no identity service in this command");
    return *services_.identity;
}

realtime::Hub& PluginContext::realtime() {
    if (!hub_) throw std::logic_error("no realtime hub in this command");
    return *hub_;
}

realtime::Presence& PluginContext::presence() {
    if (!presence_) throw std::logic_error("no presence service in this command");
    return *presence_;
}

orgdata::OrganizationData& PluginContext::organizationData() {
    if (!organizationData_) throw std::logic_error("no organization data registry in this command");
    return *organizationData_;
}

void PluginContext::removeRegistrations() {
    services_.routes.removeOwner(name_);
    services_.events.removeOwner(name_);
    services_.health.removeOwner(name_);
    if (services_.hub != nullptr) services_.hub->removeOwner(name_);
    if (services_.presence != nullptr) services_.presence->removeOwner(name_);
    if (services_.organizationData != nullptr) services_.organizationData->removeOwner(name_);
}

}  // namespace ocomms::plugin
