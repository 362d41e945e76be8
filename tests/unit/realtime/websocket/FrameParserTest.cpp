#include "realtime/websocket/FrameParser.hpp"

#include "FrameTestSupport.hpp"

#include <gtest/gtest.h>

#include <iterator>
#include <random>

namespace ocomms::realtime::websocket {
namespace {

using namespace test;
using Events = std::vector<RecordedEvent>;

std::string patterned(std::size_t size) {
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 31 + 7) & 0xFF);
    return out;
}

/// The close code of the protocol error that ends the stream, or 0 when it does not end in one.
std::uint16_t errorCode(std::string_view stream, std::uint64_t maxMessageBytes = 1 << 20) {
    const Events events = parse(stream, maxMessageBytes);
    if (events.empty() || events.back().kind != FrameEvent::Kind::ProtocolError) return 0;
    return events.back().closeCode;
}

std::string closePayload(std::uint16_t code, std::string_view reason = {}) {
    std::string payload{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
    payload += reason;
    return payload;
}

// ---- frame shapes ----

TEST(FrameParser, EveryLengthEncodingAtItsBoundaries) {
    struct Shape {
        std::size_t payloadSize;
        std::uint8_t lengthField;
        std::size_t headerSize;
    };
    for (const Shape shape : {Shape{0, 0, 6}, Shape{1, 1, 6}, Shape{125, 125, 6}, Shape{126, 126, 8},
                              Shape{127, 126, 8}, Shape{65535, 126, 8}, Shape{65536, 127, 14}, Shape{70000, 127, 14}}) {
        const std::string payload = patterned(shape.payloadSize);
        const std::string frame = clientFrame(Opcode::Binary, payload);
        EXPECT_EQ(static_cast<std::uint8_t>(frame[1]), 0x80 | shape.lengthField) << shape.payloadSize;
        EXPECT_EQ(frame.size(), shape.headerSize + payload.size()) << shape.payloadSize;
        EXPECT_EQ(parse(frame), Events{binaryEvent(payload)}) << shape.payloadSize;
    }
}

TEST(FrameParser, MaskedTextRoundTripsThroughTheClientEncoder) {
    const std::string greeting = "Gr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x91\x8B \xE2\x82\xAC";
    EXPECT_EQ(parse(clientFrame(Opcode::Text, greeting, true, MaskKey{0, 0, 0, 0})), Events{textEvent(greeting)});
    EXPECT_EQ(parse(clientFrame(Opcode::Text, greeting, true, MaskKey{0xFF, 0x01, 0x80, 0x7F})),
              Events{textEvent(greeting)});
}

TEST(FrameParser, ControlFramesCarryTheirApplicationData) {
    const std::string longest = patterned(kMaxControlPayload);
    EXPECT_EQ(parse(clientFrame(Opcode::Ping, longest)), Events{pingEvent(longest)});
    EXPECT_EQ(parse(clientFrame(Opcode::Pong, "")), Events{pongEvent("")});
}

TEST(FrameParser, SeveralFramesInOneReadComeOutOneEventPerCall) {
    const std::string stream = clientFrame(Opcode::Text, "one") + clientFrame(Opcode::Ping, "p") +
                               clientFrame(Opcode::Binary, std::string("\x00\x01", 2));
    FrameParser parser(1024);
    std::string_view input = stream;
    ASSERT_TRUE(parser.next(input));
    EXPECT_EQ(input.size(), stream.size() - clientFrame(Opcode::Text, "one").size());
    ASSERT_TRUE(parser.next(input));
    ASSERT_TRUE(parser.next(input));
    EXPECT_TRUE(input.empty());
    EXPECT_FALSE(parser.next(input));
}

// ---- fragmentation ----

TEST(FrameParser, FragmentedTextWithPingInterleavedIsReassembled) {
    const std::string stream = clientFrame(Opcode::Text, "Hel", false) + clientFrame(Opcode::Ping, "are you there") +
                               clientFrame(Opcode::Continuation, "lo, ", false) +
                               clientFrame(Opcode::Continuation, "world");
    EXPECT_EQ(parse(stream), (Events{pingEvent("are you there"), textEvent("Hello, world")}));
}

TEST(FrameParser, MultiByteCharacterSplitAcrossFragmentsIsValid) {
    const std::string stream = clientFrame(Opcode::Text, "\xE2", false) + clientFrame(Opcode::Continuation, "\x82", false) +
                               clientFrame(Opcode::Continuation, "\xAC!");
    EXPECT_EQ(parse(stream), Events{textEvent("\xE2\x82\xAC!")});
}

TEST(FrameParser, EmptyFragmentsAndEmptyMessagesAreAllowed) {
    const std::string stream = clientFrame(Opcode::Binary, "", false) + clientFrame(Opcode::Continuation, "", false) +
                               clientFrame(Opcode::Continuation, "") + clientFrame(Opcode::Text, "");
    EXPECT_EQ(parse(stream), (Events{binaryEvent(""), textEvent("")}));
}

TEST(FrameParser, CloseMayArriveInTheMiddleOfAFragmentedMessage) {
    const std::string stream = clientFrame(Opcode::Text, "half", false) + clientFrame(Opcode::Close, closePayload(CloseCode::GoingAway, "bye"));
    EXPECT_EQ(parse(stream), Events{closeEvent(CloseCode::GoingAway, "bye")});
}

// ---- any split of the stream gives the same events ----

struct GeneratedStream {
    std::string bytes;
    Events expected;
};

GeneratedStream generateStream(std::mt19937& rng) {
    static const std::string kAlphabet[] = {"a", "Z", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    static const std::size_t kSizes[] = {0, 1, 7, 125, 126, 200, 65535, 65536, 70000};
    GeneratedStream stream;
    const auto next = [&rng](std::size_t bound) { return std::uniform_int_distribution<std::size_t>(0, bound - 1)(rng); };
    const auto randomMask = [&rng] {
        MaskKey mask{};
        for (auto& byte : mask) byte = static_cast<std::uint8_t>(rng());
        return mask;
    };
    for (int message = 0; message < 12; ++message) {
        const bool isText = next(2) == 0;
        std::string payload;
        const std::size_t size = kSizes[next(std::size(kSizes))];
        if (isText) {
            while (payload.size() < size) payload += kAlphabet[next(std::size(kAlphabet))];
        } else {
            payload = patterned(size);
        }
        // Cut into fragments anywhere, even inside a character: validity is a property of the message.
        std::size_t position = 0;
        const std::size_t fragments = 1 + next(3);
        for (std::size_t fragment = 0; fragment < fragments; ++fragment) {
            const bool last = fragment + 1 == fragments;
            const std::size_t length = last ? payload.size() - position : next(payload.size() - position + 1);
            const Opcode opcode = fragment == 0 ? (isText ? Opcode::Text : Opcode::Binary) : Opcode::Continuation;
            stream.bytes += clientFrame(opcode, std::string_view(payload).substr(position, length), last, randomMask());
            position += length;
            if (!last && next(2) == 0) {
                const std::string data = patterned(next(kMaxControlPayload + 1));
                stream.bytes += clientFrame(Opcode::Ping, data, true, randomMask());
                stream.expected.push_back(pingEvent(data));
            }
        }
        stream.expected.push_back(isText ? textEvent(payload) : binaryEvent(payload));
    }
    stream.bytes += clientFrame(Opcode::Close, std::string("\x03\xE8" "done", 6), true, randomMask());
    stream.expected.push_back(closeEvent(CloseCode::Normal, "done"));
    return stream;
}

TEST(FrameParser, AnySplitOfTheStreamGivesTheSameEvents) {
    std::mt19937 rng(20240611);
    for (int round = 0; round < 4; ++round) {
        const GeneratedStream stream = generateStream(rng);
        EXPECT_EQ(parse(stream.bytes), stream.expected) << "round " << round;
        EXPECT_EQ(parse(stream.bytes, 1 << 20, 1), stream.expected) << "round " << round << ", one byte at a time";
        for (const std::size_t chunk : {2, 3, 5, 13, 4096}) {
            EXPECT_EQ(parse(stream.bytes, 1 << 20, chunk), stream.expected) << "round " << round << ", chunk " << chunk;
        }
    }
}

// ---- protocol errors ----

TEST(FrameParser, UnmaskedClientFrameIsAProtocolError) {
    const std::string frame = frameWithHeader(FrameHeader{true, 0, Opcode::Text, false, 2, {}}, "hi");
    EXPECT_EQ(errorCode(frame), CloseCode::ProtocolError);
    // Refused from the first two bytes, without waiting for the rest.
    EXPECT_EQ(errorCode(frame.substr(0, 2)), CloseCode::ProtocolError);
}

TEST(FrameParser, ReservedBitsWithoutAnExtensionAreAProtocolError) {
    for (const std::uint8_t bits : {1, 2, 4, 7}) {
        const std::string frame = frameWithHeader(FrameHeader{true, bits, Opcode::Text, true, 1, kMask}, "x");
        EXPECT_EQ(errorCode(frame), CloseCode::ProtocolError) << int{bits};
    }
}

TEST(FrameParser, UnknownOpcodesAreAProtocolError) {
    for (const int opcode : {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
        const std::string frame = bytes({0x80 | opcode, 0x80, 1, 2, 3, 4});
        EXPECT_EQ(errorCode(frame), CloseCode::ProtocolError) << opcode;
    }
}

TEST(FrameParser, ControlFramesMustBeFinalAndShort) {
    for (const Opcode opcode : {Opcode::Ping, Opcode::Pong, Opcode::Close}) {
        const std::string fragmented = frameWithHeader(FrameHeader{false, 0, opcode, true, 0, kMask}, "");
        EXPECT_EQ(errorCode(fragmented), CloseCode::ProtocolError);
        const std::string tooLong = frameWithHeader(FrameHeader{true, 0, opcode, true, 126, kMask}, patterned(126));
        EXPECT_EQ(errorCode(tooLong), CloseCode::ProtocolError);
        EXPECT_EQ(errorCode(tooLong.substr(0, 2)), CloseCode::ProtocolError);
    }
}

TEST(FrameParser, ContinuationWithoutAMessageIsAProtocolError) {
    EXPECT_EQ(errorCode(clientFrame(Opcode::Continuation, "x")), CloseCode::ProtocolError);
    const std::string afterFinished = clientFrame(Opcode::Text, "done") + clientFrame(Opcode::Continuation, "x");
    EXPECT_EQ(parse(afterFinished), (Events{textEvent("done"), {FrameEvent::Kind::ProtocolError, "continuation frame without a message", 1002}}));
}

TEST(FrameParser, NewDataFrameDuringAFragmentedMessageIsAProtocolError) {
    for (const Opcode opcode : {Opcode::Text, Opcode::Binary}) {
        const std::string stream = clientFrame(Opcode::Binary, "a", false) + clientFrame(opcode, "b");
        EXPECT_EQ(errorCode(stream), CloseCode::ProtocolError);
    }
}

TEST(FrameParser, SixtyFourBitLengthWithTheTopBitSetIsAProtocolError) {
    const std::string frame = bytes({0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4});
    EXPECT_EQ(errorCode(frame, UINT64_MAX), CloseCode::ProtocolError);
}

TEST(FrameParser, LengthsNotMinimallyEncodedAreAProtocolError) {
    const std::string sixteenBitForFive = bytes({0x82, 0xFE, 0x00, 0x05, 0, 0, 0, 0}) + "hello";
    EXPECT_EQ(errorCode(sixteenBitForFive), CloseCode::ProtocolError);
    const std::string sixteenBitFor125 = bytes({0x82, 0xFE, 0x00, 0x7D, 0, 0, 0, 0}) + patterned(125);
    EXPECT_EQ(errorCode(sixteenBitFor125), CloseCode::ProtocolError);
    const std::string sixtyFourBitFor65535 = bytes({0x82, 0xFF, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0}) + patterned(65535);
    EXPECT_EQ(errorCode(sixtyFourBitFor65535), CloseCode::ProtocolError);
    // The smallest lengths that need each form are fine.
    EXPECT_EQ(parse(bytes({0x82, 0xFE, 0x00, 0x7E, 0, 0, 0, 0}) + patterned(126)), Events{binaryEvent(patterned(126))});
    EXPECT_EQ(parse(bytes({0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}) + patterned(65536)),
              Events{binaryEvent(patterned(65536))});
}

TEST(FrameParser, MessageOverTheLimitIsRefusedFromItsHeader) {
    const std::string frame = clientFrame(Opcode::Binary, patterned(101));
    const std::string headerOnly = frame.substr(0, 6);
    EXPECT_EQ(parse(headerOnly, 100), (Events{{FrameEvent::Kind::ProtocolError, "message too big", CloseCode::MessageTooBig}}));
    EXPECT_EQ(parse(clientFrame(Opcode::Binary, patterned(100)), 100), Events{binaryEvent(patterned(100))});
}

TEST(FrameParser, FragmentedMessageOverTheLimitIsRefusedFromTheHeaderThatCrossesIt) {
    const std::string first = clientFrame(Opcode::Text, std::string(60, 'a'), false);
    const std::string second = clientFrame(Opcode::Continuation, std::string(40, 'b'), false);
    const std::string third = clientFrame(Opcode::Continuation, std::string(1, 'c'));
    // Only the third frame's header: its payload has not arrived yet.
    const std::string stream = first + second + third.substr(0, 6);
    EXPECT_EQ(parse(stream, 100), (Events{{FrameEvent::Kind::ProtocolError, "message too big", CloseCode::MessageTooBig}}));
    EXPECT_EQ(parse(first + second + clientFrame(Opcode::Continuation, ""), 100),
              Events{textEvent(std::string(60, 'a') + std::string(40, 'b'))});
}

TEST(FrameParser, ControlFramesDoNotCountTowardsTheMessageLimit) {
    const std::string stream = clientFrame(Opcode::Binary, patterned(10), false) + clientFrame(Opcode::Ping, patterned(100)) +
                               clientFrame(Opcode::Continuation, patterned(10));
    EXPECT_EQ(parse(stream, 20), (Events{pingEvent(patterned(100)), binaryEvent(patterned(10) + patterned(10))}));
}

TEST(FrameParser, InvalidUtf8InATextMessageIsRefusedWithInvalidPayload) {
    EXPECT_EQ(errorCode(clientFrame(Opcode::Text, "ok \xED\xA0\x80")), CloseCode::InvalidPayload);
    // Binary messages are not text: any bytes go.
    EXPECT_EQ(parse(clientFrame(Opcode::Binary, "\xED\xA0\x80")), Events{binaryEvent("\xED\xA0\x80")});
}

TEST(FrameParser, BadFirstFragmentFailsBeforeTheMessageEnds) {
    const std::string firstFragment = clientFrame(Opcode::Text, "\xC0\xAF", false);
    EXPECT_EQ(errorCode(firstFragment), CloseCode::InvalidPayload);
    // Even within one frame, the bad byte is found before the rest of the payload arrives.
    const std::string frame = clientFrame(Opcode::Text, "\xFF" + std::string(1000, 'a'));
    EXPECT_EQ(errorCode(frame.substr(0, 10)), CloseCode::InvalidPayload);
}

TEST(FrameParser, TextMessageEndingInsideACharacterIsRefused) {
    const std::string stream = clientFrame(Opcode::Text, "caf\xC3", false) + clientFrame(Opcode::Continuation, "");
    EXPECT_EQ(errorCode(stream), CloseCode::InvalidPayload);
}

// ---- close frames ----

TEST(FrameParser, CloseWithoutPayloadReportsNoStatus) {
    EXPECT_EQ(parse(clientFrame(Opcode::Close, "")), Events{closeEvent(CloseCode::NoStatusReceived)});
}

TEST(FrameParser, CloseCarriesCodeAndReason) {
    EXPECT_EQ(parse(clientFrame(Opcode::Close, closePayload(1000, "bye \xF0\x9F\x91\x8B"))),
              Events{closeEvent(1000, "bye \xF0\x9F\x91\x8B")});
    for (const std::uint16_t code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999}) {
        EXPECT_EQ(parse(clientFrame(Opcode::Close, closePayload(code))), Events{closeEvent(code)}) << code;
    }
}

TEST(FrameParser, CloseCodesThatMayNotBeSentAreAProtocolError) {
    for (const std::uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
        EXPECT_EQ(errorCode(clientFrame(Opcode::Close, closePayload(code))), CloseCode::ProtocolError) << code;
    }
}

TEST(FrameParser, OneByteClosePayloadIsAProtocolError) {
    EXPECT_EQ(errorCode(clientFrame(Opcode::Close, "\x03")), CloseCode::ProtocolError);
}

TEST(FrameParser, CloseReasonMustBeUtf8) {
    EXPECT_EQ(errorCode(clientFrame(Opcode::Close, closePayload(1000, "bad \xC3"))), CloseCode::InvalidPayload);
}

TEST(FrameParser, StopsAfterCloseAndLeavesTheRestUnread) {
    const std::string stream = clientFrame(Opcode::Close, closePayload(1000)) + clientFrame(Opcode::Text, "late");
    FrameParser parser(1024);
    std::string_view input = stream;
    ASSERT_TRUE(parser.next(input));
    EXPECT_TRUE(parser.stopped());
    EXPECT_EQ(input.size(), clientFrame(Opcode::Text, "late").size());
    EXPECT_FALSE(parser.next(input));
}

TEST(FrameParser, StopsAfterAProtocolError) {
    const std::string stream = clientFrame(Opcode::Continuation, "x") + clientFrame(Opcode::Text, "fine");
    FrameParser parser(1024);
    std::string_view input = stream;
    const auto event = parser.next(input);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->kind, FrameEvent::Kind::ProtocolError);
    EXPECT_TRUE(parser.stopped());
    EXPECT_FALSE(parser.next(input));
}

}  // namespace
}  // namespace ocomms::realtime::websocket
