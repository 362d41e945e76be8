#include "realtime/upgrade/WebSocketUpgrade.hpp"

#include "identity/SessionToken.hpp"
#include "realtime/upgrade/HandshakeCheck.hpp"
#include "realtime/websocket/Handshake.hpp"
#include "util/Trim.hpp"

namespace ocomms::realtime {
namespace {

http::HttpError unauthenticated(const std::string& message) { return http::HttpError(401, "unauthenticated", message); }

std::string refusalOf(TicketStatus status) {
    switch (status) {
        case TicketStatus::Expired: return "the ticket has expired: get a new one from POST /api/ws/ticket";
        case TicketStatus::AlreadyUsed: return "the ticket was already used: get a new one from POST /api/ws/ticket";
        case TicketStatus::TooManyInUse: return "too many tickets are in use on this server: try again shortly";
        case TicketStatus::Invalid:
        case TicketStatus::Valid: break;
    }
    return "the ticket is not valid: get one from POST /api/ws/ticket";
}

}  // namespace

WebSocketUpgrade::WebSocketUpgrade(OriginPolicy origins, http::RequestAuthorizer& sessions, WsTickets& tickets,
                                   Identity& identity, HandOver handOver, Logger& logger)
    : origins_(std::move(origins)), sessions_(sessions), tickets_(tickets), identity_(identity),
      handOver_(std::move(handOver)), logger_(logger) {}

std::optional<http::Response> WebSocketUpgrade::upgrade(const http::Request& request,
                                                        http::ConnectionTakeover& takeover) {
    if (auto refusal = refuseHandshake(request)) return refusal;
    if (const auto origin = request.header("Origin"); !origins_.allows(origin, request.header("Host")))
        return http::Response::error(403, "origin_not_allowed",
                                     "pages of " + *origin + " may not open WebSockets here (server.allowed_origins)");
    UserInfo user = authenticate(request);

    const std::string key = *request.header("Sec-WebSocket-Key");  // refuseHandshake() checked it is there
    const auto socket = takeover.switchProtocols({{"Upgrade", "websocket"},
                                                  {"Connection", "Upgrade"},
                                                  {"Sec-WebSocket-Accept", websocket::acceptKey(util::trimBlanks(key))}});
    if (!socket)
        return http::Response::error(400, "invalid_handshake",
                                     "the client sent data before the server's 101 answer; a WebSocket client must "
                                     "wait for it (RFC 6455 section 4.1)");
    const auto userId = user.id;
    const ConnectionId connection = handOver_(*socket, std::move(user));
    logger_.debug("WebSocket connection " + std::to_string(connection) + " of user " + std::to_string(userId) +
                  " from " + request.remoteAddress + " (request id " + request.requestId + ")");
    return std::nullopt;
}

UserInfo WebSocketUpgrade::authenticate(const http::Request& request) {
    // The first credential present decides, in docs/protocol.md's order: Bearer, cookie, ticket.
    if (identity::sessionTokenOf(request)) return sessions_.authorize(http::Access::SignedIn, request).user;
    if (const auto ticket = request.queryValue("ticket")) return userOfTicket(*ticket);
    throw unauthenticated("sign in first: send a session token (Authorization: Bearer or the session cookie) "
                          "or a ticket from POST /api/ws/ticket as ?ticket=");
}

UserInfo WebSocketUpgrade::userOfTicket(const std::string& ticket) {
    const TicketRedemption redemption = tickets_.redeem(ticket);
    if (redemption.status != TicketStatus::Valid) throw unauthenticated(refusalOf(redemption.status));
    auto user = identity_.user(redemption.userId);
    if (!user) throw unauthenticated("the ticket's user is deactivated or no longer exists");
    return std::move(*user);
}

}  // namespace ocomms::realtime
