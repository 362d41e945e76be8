// Helpers shared by the WebSocket codec tests: building client frames, good or deliberately broken, and
// recording what the parser makes of a byte stream.
#pragma once

#include "realtime/websocket/FrameParser.hpp"
#include "realtime/websocket/FrameWriter.hpp"
#include "realtime/websocket/Masking.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ocomms::realtime::websocket::test {

inline constexpr MaskKey kMask{0x37, 0xFA, 0x21, 0x3D};

/// A parser event with its views copied, so it outlives the parser's next call.
struct RecordedEvent {
    FrameEvent::Kind kind;
    std::string payload;
    std::uint16_t closeCode = 0;

    bool operator==(const RecordedEvent&) const = default;
};

inline const char* kindName(FrameEvent::Kind kind) {
    switch (kind) {
        case FrameEvent::Kind::Text: return "Text";
        case FrameEvent::Kind::Binary: return "Binary";
        case FrameEvent::Kind::Ping: return "Ping";
        case FrameEvent::Kind::Pong: return "Pong";
        case FrameEvent::Kind::Close: return "Close";
        case FrameEvent::Kind::ProtocolError: return "ProtocolError";
    }
    return "?";
}

inline void PrintTo(const RecordedEvent& event, std::ostream* out) {
    *out << kindName(event.kind) << "(" << event.payload.size() << " bytes";
    if (event.payload.size() <= 40) *out << " \"" << event.payload << "\"";
    if (event.closeCode != 0) *out << ", code " << event.closeCode;
    *out << ")";
}

inline RecordedEvent textEvent(std::string payload) { return {FrameEvent::Kind::Text, std::move(payload), 0}; }
inline RecordedEvent binaryEvent(std::string payload) { return {FrameEvent::Kind::Binary, std::move(payload), 0}; }
inline RecordedEvent pingEvent(std::string payload) { return {FrameEvent::Kind::Ping, std::move(payload), 0}; }
inline RecordedEvent pongEvent(std::string payload) { return {FrameEvent::Kind::Pong, std::move(payload), 0}; }
inline RecordedEvent closeEvent(std::uint16_t code, std::string reason = {}) {
    return {FrameEvent::Kind::Close, std::move(reason), code};
}

/// A well-formed client frame.
inline std::string clientFrame(Opcode opcode, std::string_view payload, bool fin = true, const MaskKey& mask = kMask) {
    return encodeMaskedFrame(opcode, payload, fin, mask);
}

/// Any header the encoder can express (unmasked, reserved bits, fragmented control frames), with the
/// payload masked when the header says so.
inline std::string frameWithHeader(const FrameHeader& header, std::string_view payload) {
    std::string out;
    appendFrameHeader(out, header);
    const std::size_t start = out.size();
    out.append(payload);
    if (header.masked) applyMask(out.data() + start, out.data() + start, payload.size(), header.maskKey, 0);
    return out;
}

inline std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int value : values) out.push_back(static_cast<char>(value));
    return out;
}

/// Feeds `stream` in pieces of `chunkSize` bytes and records every event until the parser stops.
inline std::vector<RecordedEvent> parseInChunks(FrameParser& parser, std::string_view stream, std::size_t chunkSize) {
    std::vector<RecordedEvent> events;
    while (!stream.empty()) {
        const std::size_t size = std::min(chunkSize, stream.size());
        std::string_view chunk = stream.substr(0, size);
        stream.remove_prefix(size);
        while (auto event = parser.next(chunk)) {
            events.push_back({event->kind, std::string(event->payload), event->closeCode});
        }
    }
    return events;
}

inline std::vector<RecordedEvent> parse(std::string_view stream, std::uint64_t maxMessageBytes = 1 << 20,
                                        std::size_t chunkSize = SIZE_MAX) {
    FrameParser parser(maxMessageBytes);
    return parseInChunks(parser, stream, chunkSize);
}

}  // namespace ocomms::realtime::websocket::test
