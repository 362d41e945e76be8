#include "app/RealtimeServices.hpp"

#include <thread>

#include "realtime/hub/RedisHubFanout.hpp"
#include "realtime/presence/LocalPresence.hpp"
#include "realtime/presence/RedisPresence.hpp"
#include "realtime/upgrade/OriginPolicy.hpp"
#include "realtime/upgrade/TicketRoutes.hpp"
#include "realtime/upgrade/WebSocketUpgrade.hpp"
#include "realtime/upgrade/WsTickets.hpp"

namespace ocomms::app {
namespace {

realtime::HubOptions hubOptions(const config::RealtimeConfig& realtime) {
    realtime::HubOptions options;
    options.loopThreads =
        realtime.threads > 0 ? realtime.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    options.workerThreads = realtime.workers;
    options.limits.maxMessageBytes = static_cast<std::size_t>(realtime.maxMessageBytes);
    options.limits.maxQueuedBytes = static_cast<std::size_t>(realtime.maxQueuedBytes);
    options.limits.pingInterval = realtime.pingInterval;
    options.limits.idleTimeout = realtime.idleTimeout;
    options.maxPendingMessages = static_cast<std::size_t>(realtime.maxPendingMessages);
    return options;
}

std::unique_ptr<realtime::PresenceTracker> makePresence(const config::HostConfig& config, redis::RedisClient* redis,
                                                        Logger& logger) {
    if (redis == nullptr) return std::make_unique<realtime::LocalPresence>(logger);
    return std::make_unique<realtime::RedisPresence>(*redis, realtime::RedisPresence::uniqueNodeId(), logger,
                                                     config.realtime.presenceTtl, config.redis.prefix + "presence");
}

std::unique_ptr<realtime::HubFanout> makeFanout(const config::HostConfig& config, redis::RedisClient* redis,
                                                std::chrono::milliseconds timeout, Logger& logger) {
    if (redis == nullptr) return nullptr;
    return std::make_unique<realtime::RedisHubFanout>(redis->url(), timeout, logger, config.redis.prefix + "hub");
}

}  // namespace

struct RealtimeServices::Impl {
    Impl(const config::HostConfig& config, redis::RedisClient* redis, std::chrono::milliseconds redisTimeout,
         log::LogSink& sink)
        : logger(sink, "realtime"),
          presence(makePresence(config, redis, logger)),
          fanout(makeFanout(config, redis, redisTimeout, logger)),
          hub(hubOptions(config.realtime), logger, fanout.get(), *presence),
          tickets(config.auth.secret, config.realtime.ticketTtl),
          origins(config.server.publicUrl, config.server.allowedOrigins) {
        if (tickets.usesProcessKey() && redis != nullptr)
            logger.warn("auth.secret is empty: WebSocket tickets are signed with a key of this process only, so "
                        "other nodes sharing this Redis refuse them; set auth.secret (the same on every node)");
    }

    log::ComponentLogger logger;
    std::unique_ptr<realtime::PresenceTracker> presence;
    std::unique_ptr<realtime::HubFanout> fanout;  ///< null on a single node
    realtime::RealtimeHub hub;  // after presence and fanout, which it uses
    realtime::WsTickets tickets;
    realtime::OriginPolicy origins;
    std::unique_ptr<realtime::WebSocketUpgrade> endpoint;
    bool presenceStarted = false;
};

RealtimeServices::RealtimeServices(const config::HostConfig& config, redis::RedisClient* redis,
                                   std::chrono::milliseconds redisTimeout, log::LogSink& sink)
    : impl_(std::make_unique<Impl>(config, redis, redisTimeout, sink)) {}

RealtimeServices::~RealtimeServices() {
    stopHub(std::chrono::milliseconds(0));
    stopPresence();
}

realtime::RealtimeHub& RealtimeServices::hub() { return impl_->hub; }

realtime::PresenceTracker& RealtimeServices::presence() { return *impl_->presence; }

void RealtimeServices::registerTicketRoute(http::Router& router) { realtime::registerTicketRoute(router, impl_->tickets); }

void RealtimeServices::addWebSocketEndpoint(http::HttpServer& server, http::RequestAuthorizer& sessions,
                                            Identity& identity) {
    impl_->endpoint = std::make_unique<realtime::WebSocketUpgrade>(
        impl_->origins, sessions, impl_->tickets, identity,
        [&hub = impl_->hub](int socketFd, UserInfo user) { return hub.accept(socketFd, std::move(user)); },
        impl_->logger);
    server.addUpgradeEndpoint(realtime::kWebSocketPath, "core", *impl_->endpoint);
}

void RealtimeServices::start() {
    impl_->presence->start();
    impl_->presenceStarted = true;
    impl_->hub.start();
}

void RealtimeServices::stopHub(std::chrono::milliseconds grace) { impl_->hub.stop(grace); }

void RealtimeServices::stopPresence() {
    if (!impl_->presenceStarted) return;
    impl_->presenceStarted = false;
    impl_->presence->stop();
}

}  // namespace ocomms::app
