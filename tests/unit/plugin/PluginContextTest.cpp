#include "plugin/PluginContext.hpp"

#include <sstream>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "realtime/hub/RealtimeHub.hpp"
#include "realtime/presence/LocalPresence.hpp"
#include "support/CapturingLogger.hpp"

namespace ocomms::plugin {
namespace {

using realtime::PresenceStatus;

struct Services {
    http::RouteTable routes;
    test::CapturingLogger logger;
    events::EventBusImpl events{logger};
    health::HealthRegistry health;
    std::ostringstream logOutput;
    log::LogSink sink{LogLevel::Debug, log::Format::Text, logOutput};
    realtime::LocalPresence presence{logger};
    realtime::RealtimeHub hub{realtime::HubOptions{}, logger, nullptr, presence};  // never started
    CoreServices core{routes, events, health, sink, nullptr, HostInfo{"test", "http://localhost", "/tmp"}};
};

realtime::MessageHandler ignoring() {
    return [](const realtime::Client&, const realtime::ClientMessage&) { return std::nullopt; };
}

TEST(PluginContext, WithoutAHubRealtimeAndPresenceSayThereIsNone) {
    Services services;
    PluginContext context(services.core, "chat", Settings{}, nullptr);
    EXPECT_THROW(context.realtime(), std::logic_error);
    EXPECT_THROW(context.presence(), std::logic_error);
}

TEST(PluginContext, RealtimeHandlersBelongToThePluginAndGoWithIt) {
    Services services;
    services.core.hub = &services.hub;
    services.core.presence = &services.presence;
    PluginContext context(services.core, "chat", Settings{}, nullptr);

    context.realtime().handle("message.send", ignoring());
    EXPECT_THROW(services.hub.handle("message.send", ignoring()), std::invalid_argument)
        << "the plugin's handler was not registered";
    context.removeRegistrations();
    EXPECT_NO_THROW(services.hub.handle("message.send", ignoring())) << "the plugin's handler outlived it";
}

TEST(PluginContext, PresenceHandlersBelongToThePluginAndGoWithIt) {
    Services services;
    services.core.hub = &services.hub;
    services.core.presence = &services.presence;
    PluginContext context(services.core, "chat", Settings{}, nullptr);
    std::vector<std::int64_t> told;
    context.presence().onChange([&told](std::int64_t userId, PresenceStatus) { told.push_back(userId); });

    services.presence.connected(1, 42);
    EXPECT_EQ(context.presence().status(42), PresenceStatus::Online);
    context.removeRegistrations();
    services.presence.connected(2, 43);
    EXPECT_EQ(told, std::vector<std::int64_t>{42});
}

}  // namespace
}  // namespace ocomms::plugin
