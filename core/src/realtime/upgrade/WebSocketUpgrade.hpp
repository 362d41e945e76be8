// GET /api/ws: the WebSocket opening handshake. Checks, in order, that the request is a handshake this
// server speaks (HandshakeCheck.hpp), that a browser's page comes from an allowed origin (403
// `origin_not_allowed`), and who is connecting (401 `unauthenticated`): the first present of
// `Authorization: Bearer`, the session cookie and `?ticket=` (see WsTickets.hpp) decides; a deactivated
// user is refused. Then answers 101 and hands the socket to the realtime hub (docs/protocol.md).
#pragma once

#include <functional>

#include <ocomms/identity.hpp>
#include <ocomms/logger.hpp>
#include <ocomms/realtime.hpp>

#include "http/RequestAuthorizer.hpp"
#include "http/UpgradeEndpoint.hpp"
#include "realtime/upgrade/OriginPolicy.hpp"
#include "realtime/upgrade/WsTickets.hpp"

namespace ocomms::realtime {

inline constexpr const char* kWebSocketPath = "/api/ws";

class WebSocketUpgrade final : public http::UpgradeEndpoint {
public:
    /// Takes over an upgraded socket for a signed-in user and returns its connection id (RealtimeHub::accept):
    /// the descriptor is the callee's from the call on, even when it throws.
    using HandOver = std::function<ConnectionId(int socketFd, UserInfo user)>;

    /// `sessions` checks session tokens (the identity's SessionAuthorizer); `identity` finds a ticket's
    /// user. All references must outlive the endpoint.
    WebSocketUpgrade(OriginPolicy origins, http::RequestAuthorizer& sessions, WsTickets& tickets, Identity& identity,
                     HandOver handOver, Logger& logger);

    std::optional<http::Response> upgrade(const http::Request& request, http::ConnectionTakeover& takeover) override;

private:
    UserInfo authenticate(const http::Request& request);
    UserInfo userOfTicket(const std::string& ticket);

    OriginPolicy origins_;
    http::RequestAuthorizer& sessions_;
    WsTickets& tickets_;
    Identity& identity_;
    HandOver handOver_;
    Logger& logger_;
};

}  // namespace ocomms::realtime
