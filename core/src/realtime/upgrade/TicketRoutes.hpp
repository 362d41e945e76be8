// POST /api/ws/ticket (signed in): a ticket for opening one WebSocket from a browser (see WsTickets.hpp).
#pragma once

#include <ocomms/http.hpp>

#include "realtime/upgrade/WsTickets.hpp"

namespace ocomms::realtime {

/// `tickets` must outlive the route.
void registerTicketRoute(http::Router& router, WsTickets& tickets);

}  // namespace ocomms::realtime
