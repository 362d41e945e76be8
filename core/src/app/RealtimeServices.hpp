// The realtime part of `ocomms serve`: presence (in process, or shared through Redis), the hub that owns
// the WebSocket connections, the tickets browsers open them with, and the endpoints GET /api/ws and
// POST /api/ws/ticket.
#pragma once

#include <chrono>
#include <memory>

#include <ocomms/http.hpp>
#include <ocomms/identity.hpp>

#include "config/HostConfig.hpp"
#include "http/HttpServer.hpp"
#include "http/RequestAuthorizer.hpp"
#include "log/LogSink.hpp"
#include "realtime/hub/RealtimeHub.hpp"
#include "realtime/presence/PresenceTracker.hpp"
#include "redis/RedisClient.hpp"

namespace ocomms::app {

class RealtimeServices {
public:
    /// `redis`: the host's client when Redis is configured (it must outlive this): presence is shared
    /// through it and the hub's events reach the other nodes (a connection of its own, with
    /// `redisTimeout`). Null: presence is kept in process and the hub serves this node only.
    RealtimeServices(const config::HostConfig& config, redis::RedisClient* redis,
                     std::chrono::milliseconds redisTimeout, log::LogSink& sink);
    ~RealtimeServices();  ///< stops what still runs
    RealtimeServices(const RealtimeServices&) = delete;
    RealtimeServices& operator=(const RealtimeServices&) = delete;

    realtime::RealtimeHub& hub();
    realtime::PresenceTracker& presence();

    /// POST /api/ws/ticket on `router`.
    void registerTicketRoute(http::Router& router);
    /// GET /api/ws on `server` (before it starts). `sessions` and `identity` must outlive the server.
    void addWebSocketEndpoint(http::HttpServer& server, http::RequestAuthorizer& sessions, Identity& identity);

    /// Presence first, then the hub, whose connections report to it. Throws when Redis cannot be reached.
    void start();
    /// Closes every WebSocket with 1001, waiting up to `grace` for the close handshakes, and stops the hub.
    /// The plugins' disconnect handlers run meanwhile, so call it while plugins still run.
    void stopHub(std::chrono::milliseconds grace);
    /// After the hub: with Redis, this node's users go offline on the other nodes at once.
    void stopPresence();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ocomms::app
