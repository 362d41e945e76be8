// The host's shared services that plugin contexts hand out.
#pragma once

#include <ocomms/host_context.hpp>

#include "events/EventBusImpl.hpp"
#include "health/HealthRegistry.hpp"
#include "http/RouteTable.hpp"
#include "log/LogSink.hpp"
#include "orgdata/ContributorRegistry.hpp"

namespace ocomms::realtime {
class RealtimeHub;
class PresenceTracker;
}  // namespace ocomms::realtime

namespace ocomms::plugin {

struct CoreServices {
    http::RouteTable& routes;
    events::EventBusImpl& events;
    health::HealthRegistry& health;
    log::LogSink& logSink;
    Database* database = nullptr;  ///< null where a command runs without a database
    HostInfo info;
    Identity* identity = nullptr;  ///< null where a command runs without a database
    realtime::RealtimeHub* hub = nullptr;            ///< null outside `ocomms serve`
    realtime::PresenceTracker* presence = nullptr;   ///< null outside `ocomms serve`
    /// The contributors to organization exports; null where a command neither exports nor imports.
    orgdata::ContributorRegistry* organizationData = nullptr;
};

}  // namespace ocomms::plugin
