// The client's side of WebSocket framing, for tests: splits the bytes a server sends into frames (the
// core's FrameParser parses client frames only). Frames are reported as they came, unchecked, so that a
// test can assert what the server did (fin, masked, opcode); a masked payload is unmasked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "realtime/websocket/Frame.hpp"

namespace ocomms::test {

struct ReceivedFrame {
    realtime::websocket::Opcode opcode = realtime::websocket::Opcode::Text;
    bool fin = true;
    bool masked = false;  ///< a server must not mask
    std::string payload;

    /// For a Close frame: its status code (1005 when it has none) and reason.
    std::uint16_t closeCode() const;
    std::string closeReason() const;
};

class ServerFrameReader {
public:
    void append(std::string_view bytes) { buffer_.append(bytes); }
    /// The next whole frame, or nothing until more bytes arrive.
    std::optional<ReceivedFrame> next();

private:
    std::string buffer_;
};

}  // namespace ocomms::test
