// Encoding of WebSocket frames (RFC 6455 section 5.2): unmasked as a server sends them, and masked as a
// client does, for the test client and the tests.
#pragma once

#include "realtime/websocket/Frame.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ocomms::realtime::websocket {

/// Appends the header alone, with the shortest length encoding (and the mask key when masked).
void appendFrameHeader(std::string& out, const FrameHeader& header);

/// Appends one unmasked frame to `out`, growing it once. Throws std::invalid_argument for a control
/// frame that is fragmented or carries more than 125 bytes, which no peer would accept.
void appendFrame(std::string& out, Opcode opcode, std::string_view payload, bool fin = true);

/// Appends a Close frame whose reason is cut, on a character boundary, to fit the 125-byte limit.
/// `reason` must be valid UTF-8; `code` must be one that may be sent (not 1005, 1006 or 1015).
void appendCloseFrame(std::string& out, std::uint16_t code, std::string_view reason = {});

std::string encodeFrame(Opcode opcode, std::string_view payload, bool fin = true);
std::string textFrame(std::string_view text);
std::string binaryFrame(std::string_view bytes);
std::string pingFrame(std::string_view payload = {});
std::string pongFrame(std::string_view payload = {});
std::string closeFrame(std::uint16_t code, std::string_view reason = {});

/// A frame as a client must send it: masked with `mask`.
std::string encodeMaskedFrame(Opcode opcode, std::string_view payload, bool fin, const MaskKey& mask);

/// The longest prefix of `text` of at most `maxBytes` bytes that does not end inside a UTF-8 sequence.
std::string_view truncateUtf8(std::string_view text, std::size_t maxBytes);

}  // namespace ocomms::realtime::websocket
