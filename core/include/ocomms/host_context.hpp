// What the host offers a plugin. Each plugin gets its own HostContext: everything registered through it
// belongs to that plugin and is removed when the plugin stops.
#pragma once

#include <filesystem>
#include <string>

#include <ocomms/database.hpp>
#include <ocomms/events.hpp>
#include <ocomms/health.hpp>
#include <ocomms/http.hpp>
#include <ocomms/identity.hpp>
#include <ocomms/logger.hpp>
#include <ocomms/org_data.hpp>
#include <ocomms/realtime.hpp>
#include <ocomms/settings.hpp>

namespace ocomms {

/// Facts about the running host.
struct HostInfo {
    std::string version;             ///< the host's version, e.g. "0.1.0"
    std::string publicUrl;           ///< where users reach the server, e.g. "https://chat.example.com"
    std::filesystem::path dataDir;   ///< a writable folder for the instance's files
};

class HostContext {
public:
    virtual ~HostContext() = default;

    virtual const std::string& pluginName() const = 0;
    virtual const HostInfo& info() const = 0;
    /// This plugin's validated settings (the same values configure() received).
    virtual const Settings& settings() const = 0;

    virtual http::Router& router() = 0;
    virtual Database& database() = 0;
    virtual EventBus& events() = 0;
    virtual HealthChecks& health() = 0;
    virtual Identity& identity() = 0;
    virtual Logger& logger() = 0;
    /// WebSocket clients: message handlers by `type`, topics, publishing (`ocomms serve` only).
    virtual realtime::Hub& realtime() = 0;
    /// Who is online, across every node (`ocomms serve` only).
    virtual realtime::Presence& presence() = 0;
    /// This plugin's part in exports and imports of an organization (docs/export-format.md).
    virtual orgdata::OrganizationData& organizationData() = 0;
};

}  // namespace ocomms
