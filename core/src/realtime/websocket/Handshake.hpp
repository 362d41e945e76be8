// The server's part of the opening handshake that belongs to WebSocket itself (RFC 6455 section 4.2).
#pragma once

#include <string>
#include <string_view>

namespace ocomms::realtime::websocket {

/// Whether a Sec-WebSocket-Key has the required shape: base64 of 16 bytes (22 characters and "==").
bool isWellFormedClientKey(std::string_view secWebSocketKey);

/// The Sec-WebSocket-Accept answer: base64(SHA-1(key + the RFC's GUID)).
std::string acceptKey(std::string_view secWebSocketKey);

}  // namespace ocomms::realtime::websocket
