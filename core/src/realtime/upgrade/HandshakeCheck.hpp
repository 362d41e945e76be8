// Whether a request to the WebSocket endpoint is an opening handshake this server speaks (RFC 6455
// section 4.2.1), judged from its headers alone, before anything more costly (origin, authentication).
#pragma once

#include <optional>
#include <string_view>

#include <ocomms/http.hpp>

namespace ocomms::realtime {

/// The answer refusing `request`, or nullopt when it is a WebSocket handshake. In this order (as
/// docs/protocol.md lists them): a body, or no `Upgrade: websocket`, or no `upgrade` among the
/// `Connection` tokens (400 `invalid_handshake`; a client must wait for the 101 before sending anything);
/// `Sec-WebSocket-Version` other than 13 (426 `upgrade_required`, with `Sec-WebSocket-Version: 13` and
/// `Upgrade: websocket`, which tell the client what would be accepted); a missing or malformed
/// `Sec-WebSocket-Key` (400 `invalid_handshake`).
std::optional<http::Response> refuseHandshake(const http::Request& request);

/// Whether any of the request's `name` headers lists `token` among its comma-separated values,
/// compared case-insensitively ("Connection: keep-alive, Upgrade" has "upgrade").
bool headerHasToken(const http::Request& request, std::string_view name, std::string_view token);

}  // namespace ocomms::realtime
