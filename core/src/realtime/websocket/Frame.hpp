// The vocabulary of RFC 6455 framing (section 5): opcodes, close codes and the frame header.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ocomms::realtime::websocket {

enum class Opcode : std::uint8_t {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// Status codes of a Close frame (RFC 6455 section 7.4.1). A plain integer rather than an enum because
/// peers may send any code in 3000..4999, which has no name here.
struct CloseCode {
    static constexpr std::uint16_t Normal = 1000;
    static constexpr std::uint16_t GoingAway = 1001;
    static constexpr std::uint16_t ProtocolError = 1002;
    static constexpr std::uint16_t UnsupportedData = 1003;
    /// Reported for a Close frame without a payload; never sent on the wire.
    static constexpr std::uint16_t NoStatusReceived = 1005;
    static constexpr std::uint16_t InvalidPayload = 1007;
    static constexpr std::uint16_t PolicyViolation = 1008;
    static constexpr std::uint16_t MessageTooBig = 1009;
    static constexpr std::uint16_t InternalError = 1011;
    static constexpr std::uint16_t ServiceRestart = 1012;
    static constexpr std::uint16_t TryAgainLater = 1013;
};

/// Control frames carry at most this many payload bytes (section 5.5).
inline constexpr std::size_t kMaxControlPayload = 125;

using MaskKey = std::array<std::uint8_t, 4>;

struct FrameHeader {
    bool fin = true;
    std::uint8_t reservedBits = 0;  // RSV1..RSV3 in the low three bits; non-zero only with an extension
    Opcode opcode = Opcode::Text;
    bool masked = false;
    std::uint64_t payloadLength = 0;
    MaskKey maskKey{};
};

constexpr bool isControl(Opcode opcode) {
    return (static_cast<std::uint8_t>(opcode) & 0x8) != 0;
}

constexpr bool isKnownOpcode(std::uint8_t value) {
    return value <= 0x2 || (value >= 0x8 && value <= 0xA);
}

/// Whether a peer may send this code in a Close frame: the codes defined for use on the wire
/// (1000..1003, 1007..1014 as registered with IANA) and the ranges for libraries and applications.
constexpr bool isValidReceivedCloseCode(std::uint16_t code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

}  // namespace ocomms::realtime::websocket
