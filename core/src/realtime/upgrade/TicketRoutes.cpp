#include "realtime/upgrade/TicketRoutes.hpp"

#include <nlohmann/json.hpp>

#include "identity/Timestamps.hpp"
#include "identity/api/RequestCaller.hpp"

namespace ocomms::realtime {

void registerTicketRoute(http::Router& router, WsTickets& tickets) {
    router.add(http::Method::Post, "/api/ws/ticket", http::Access::SignedIn, [&tickets](const http::Request& request) {
        const WsTicket ticket = tickets.issue(identity::api::callerOf(request).user.id);
        auto response = http::Response::json(
            {{"ticket", ticket.text}, {"expires_at", identity::isoUtc(ticket.expiresAt)}});
        response.header("Cache-Control", "no-store");
        return response;
    });
}

}  // namespace ocomms::realtime
