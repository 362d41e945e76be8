// The client's side of RFC 6455 framing: turns the bytes a server sends (unmasked frames, as they arrive
// on a non-blocking socket) into messages and control frames. The core's FrameParser reads client
// frames only. Only as strict as a load generator needs: it rejects masked frames and unknown opcodes.
#pragma once

#include "realtime/websocket/Frame.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace ocomms::bench {

struct ServerMessage {
    realtime::websocket::Opcode opcode = realtime::websocket::Opcode::Text;
    std::string_view payload;  ///< a data message's fragments joined; valid during the callback only
};

class ServerFrameReader {
public:
    using OnMessage = std::function<void(const ServerMessage&)>;

    /// Reports every message and control frame completed by `bytes`, in order. False (and stops) on a
    /// frame no server may send.
    bool feed(std::string_view bytes, const OnMessage& onMessage);

private:
    struct Header {
        std::size_t size = 0;
        std::uint64_t payloadLength = 0;
        bool fin = true;
        bool masked = false;
        std::uint8_t opcode = 0;
    };

    /// The header at the front of `input`, or a zero size when it is not all there yet.
    static Header readHeader(std::string_view input);
    bool deliver(const Header& header, std::string_view payload, const OnMessage& onMessage);

    std::string pending_;  ///< an incomplete frame kept from the last feed
    std::string fragments_;
    realtime::websocket::Opcode fragmentedOpcode_ = realtime::websocket::Opcode::Continuation;
    bool failed_ = false;
};

}  // namespace ocomms::bench
