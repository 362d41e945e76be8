// libFuzzer harness for the WebSocket frame parser. Not part of the CMake build: tests/fuzz/run.sh builds and
// runs it, or by hand from the repository root:
//
//   clang++ -g -O1 -fsanitize=fuzzer,address,undefined -std=c++20 -Icore/include -Icore/src \
//       tests/fuzz/websocket_frame_parser_fuzz.cpp core/src/realtime/websocket/FrameParser.cpp \
//       core/src/realtime/websocket/FrameWriter.cpp core/src/realtime/websocket/Masking.cpp \
//       core/src/realtime/websocket/Utf8Validator.cpp -o /tmp/websocket_frame_parser_fuzz
//   /tmp/websocket_frame_parser_fuzz -max_total_time=60 -max_len=4096
//
// Beyond crashes, it checks that the parser's answer does not depend on how the bytes were split, and
// that what it reports keeps its promises (limits, UTF-8, stopping).
#include "realtime/websocket/FrameParser.hpp"
#include "realtime/websocket/FrameWriter.hpp"
#include "realtime/websocket/Utf8Validator.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ocomms::realtime::websocket;

constexpr std::uint64_t kMaxMessageBytes = 1024;

struct Recorded {
    FrameEvent::Kind kind;
    std::string payload;
    std::uint16_t closeCode;
    bool operator==(const Recorded&) const = default;
};

void require(bool condition) {
    if (!condition) __builtin_trap();
}

bool isWellFormedUtf8(std::string_view text) {
    Utf8Validator validator;
    return validator.feed(text) && validator.complete();
}

/// Feeds `stream` in pieces whose sizes come from `splits` (cycled; 0 means one byte).
std::vector<Recorded> parseSplit(std::string_view stream, std::string_view splits) {
    FrameParser parser(kMaxMessageBytes);
    std::vector<Recorded> events;
    std::size_t splitIndex = 0;
    while (!stream.empty()) {
        std::size_t size = stream.size();
        if (!splits.empty()) size = 1 + static_cast<std::uint8_t>(splits[splitIndex++ % splits.size()]) % 64;
        if (size > stream.size()) size = stream.size();
        std::string_view chunk = stream.substr(0, size);
        stream.remove_prefix(size);
        while (auto event = parser.next(chunk)) {
            require(!parser.stopped() || event->kind == FrameEvent::Kind::Close ||
                    event->kind == FrameEvent::Kind::ProtocolError);
            events.push_back({event->kind, std::string(event->payload), event->closeCode});
        }
        require(chunk.empty() || parser.stopped());
    }
    return events;
}

void checkPromises(const std::vector<Recorded>& events) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Recorded& event = events[i];
        const bool last = i + 1 == events.size();
        switch (event.kind) {
            case FrameEvent::Kind::Text:
                require(isWellFormedUtf8(event.payload));
                [[fallthrough]];
            case FrameEvent::Kind::Binary:
                require(event.payload.size() <= kMaxMessageBytes);
                break;
            case FrameEvent::Kind::Ping:
            case FrameEvent::Kind::Pong:
                require(event.payload.size() <= kMaxControlPayload);
                break;
            case FrameEvent::Kind::Close:
                require(last && isWellFormedUtf8(event.payload));
                require(event.closeCode == CloseCode::NoStatusReceived || isValidReceivedCloseCode(event.closeCode));
                break;
            case FrameEvent::Kind::ProtocolError:
                require(last);
                require(event.closeCode == CloseCode::ProtocolError || event.closeCode == CloseCode::InvalidPayload ||
                        event.closeCode == CloseCode::MessageTooBig);
                break;
        }
    }
}

/// Every message, written again by a client and parsed again, comes back unchanged.
void checkRoundTrip(const std::vector<Recorded>& events) {
    std::string stream;
    std::vector<Recorded> expected;
    for (const Recorded& event : events) {
        const MaskKey mask{0x12, 0x34, 0x56, static_cast<std::uint8_t>(event.payload.size())};
        switch (event.kind) {
            case FrameEvent::Kind::Text: stream += encodeMaskedFrame(Opcode::Text, event.payload, true, mask); break;
            case FrameEvent::Kind::Binary: stream += encodeMaskedFrame(Opcode::Binary, event.payload, true, mask); break;
            case FrameEvent::Kind::Ping: stream += encodeMaskedFrame(Opcode::Ping, event.payload, true, mask); break;
            case FrameEvent::Kind::Pong: stream += encodeMaskedFrame(Opcode::Pong, event.payload, true, mask); break;
            case FrameEvent::Kind::Close:
            case FrameEvent::Kind::ProtocolError: continue;
        }
        expected.push_back(event);
    }
    require(parseSplit(stream, {}) == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first byte says how much of the rest describes the split; the remainder is the stream.
    if (size == 0) return 0;
    const std::size_t splitBytes = std::min<std::size_t>(data[0] % 16, size - 1);
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::string_view splits = input.substr(0, splitBytes);
    const std::string_view stream = input.substr(splitBytes);

    const std::vector<Recorded> whole = parseSplit(stream, {});
    require(parseSplit(stream, splits) == whole);
    require(parseSplit(stream, std::string_view("\0", 1)) == whole);
    checkPromises(whole);
    checkRoundTrip(whole);
    return 0;
}
