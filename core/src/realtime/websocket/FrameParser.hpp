// Server-side parsing of the frames a WebSocket client sends (RFC 6455 section 5), from bytes as they
// arrive on a non-blocking socket.
#pragma once

#include "realtime/websocket/Frame.hpp"
#include "realtime/websocket/Utf8Validator.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocomms::realtime::websocket {

/// What the parser found. Views point into the parser (or, for a ProtocolError's reason, to static
/// text) and stay valid until the next call to FrameParser::next().
struct FrameEvent {
    enum class Kind : std::uint8_t { Text, Binary, Ping, Pong, Close, ProtocolError };

    Kind kind = Kind::Binary;
    /// Text/Binary: the whole message, fragments joined. Ping/Pong: the application data.
    /// Close: the reason (valid UTF-8). ProtocolError: a reason to send in our Close frame.
    std::string_view payload;
    /// Close: the code the peer sent (NoStatusReceived when it sent none).
    /// ProtocolError: the code to close with (1002, 1007 or 1009).
    std::uint16_t closeCode = 0;
};

/// Turns a client's byte stream into messages and control frames. Bytes may be split anywhere, down to
/// one at a time. Control frames are reported as they arrive, even between the fragments of a message.
///
/// It holds at most one partial frame header, one control payload (125 bytes) and the data message
/// being assembled, which never exceeds maxMessageBytes: a frame that would take the message past the
/// limit is refused from its header, before its payload is read.
///
/// After a Close or a ProtocolError the parser stops: next() returns nothing and consumes nothing.
class FrameParser {
public:
    explicit FrameParser(std::uint64_t maxMessageBytes) : maxMessageBytes_(maxMessageBytes) {}

    /// Consumes bytes from the front of `input` until one event is complete (returned) or `input` is
    /// used up (nullopt). Call again with the rest of `input` while it returns events:
    ///     while (auto event = parser.next(received)) handle(*event);
    std::optional<FrameEvent> next(std::string_view& input);

    /// Whether a Close or a ProtocolError ended parsing.
    bool stopped() const { return stage_ == Stage::Stopped; }

private:
    enum class Stage : std::uint8_t { Header, Payload, Stopped };

    std::optional<FrameEvent> readHeader(std::string_view& input);
    std::optional<FrameEvent> checkFirstTwoHeaderBytes();
    std::optional<FrameEvent> checkCompleteHeader();
    std::optional<FrameEvent> readPayload(std::string_view& input);
    std::optional<FrameEvent> finishFrame();
    FrameEvent finishCloseFrame();
    FrameEvent fail(std::uint16_t closeCode, std::string_view reason);
    void releaseDeliveredMessage();
    bool messageInProgress() const { return messageOpcode_ != Opcode::Continuation; }

    std::uint64_t maxMessageBytes_;
    Stage stage_ = Stage::Header;

    // The frame being read: header bytes until the whole header is in, then the decoded header.
    std::array<std::uint8_t, 14> headerBytes_{};
    std::uint8_t headerBytesRead_ = 0;
    std::uint8_t headerBytesNeeded_ = 2;
    FrameHeader frame_;
    std::uint64_t payloadBytesRead_ = 0;
    std::array<char, kMaxControlPayload> controlPayload_{};

    // The data message being assembled across frames; Continuation when there is none.
    Opcode messageOpcode_ = Opcode::Continuation;
    bool messageDelivered_ = false;
    std::string message_;
    Utf8Validator messageUtf8_;
};

}  // namespace ocomms::realtime::websocket
