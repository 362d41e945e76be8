#include "realtime/websocket/FrameWriter.hpp"

#include "FrameTestSupport.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ocomms::realtime::websocket {
namespace {

using namespace test;
using Events = std::vector<RecordedEvent>;

/// The frame a client would send with the same header and payload: the mask bit set, the key inserted
/// after the length, the payload masked. Lets the server's parser read what the server's writer wrote.
std::string asClientFrame(std::string_view serverFrame, const MaskKey& mask = kMask) {
    const auto shortLength = static_cast<std::uint8_t>(serverFrame.at(1)) & 0x7F;
    const std::size_t headerSize = shortLength == 126 ? 4 : shortLength == 127 ? 10 : 2;
    std::string out(serverFrame.substr(0, headerSize));
    out[1] = static_cast<char>(out[1] | 0x80);
    out.append(reinterpret_cast<const char*>(mask.data()), mask.size());
    const std::size_t payloadStart = out.size();
    out.append(serverFrame.substr(headerSize));
    applyMask(out.data() + payloadStart, out.data() + payloadStart, out.size() - payloadStart, mask, 0);
    return out;
}

TEST(FrameWriter, SmallFramesMatchTheRfcExamples) {
    EXPECT_EQ(textFrame("Hello"), bytes({0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F}));
    EXPECT_EQ(encodeFrame(Opcode::Text, "Hel", false), bytes({0x01, 0x03, 0x48, 0x65, 0x6C}));
    EXPECT_EQ(encodeFrame(Opcode::Continuation, "lo"), bytes({0x80, 0x02, 0x6C, 0x6F}));
    EXPECT_EQ(pingFrame("Hello"), bytes({0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F}));
    EXPECT_EQ(pongFrame(), bytes({0x8A, 0x00}));
}

TEST(FrameWriter, UsesTheShortestLengthEncoding) {
    EXPECT_EQ(binaryFrame(std::string(125, 'x')).substr(0, 2), bytes({0x82, 125}));
    EXPECT_EQ(binaryFrame(std::string(126, 'x')).substr(0, 4), bytes({0x82, 126, 0x00, 0x7E}));
    EXPECT_EQ(binaryFrame(std::string(65535, 'x')).substr(0, 4), bytes({0x82, 126, 0xFF, 0xFF}));
    EXPECT_EQ(binaryFrame(std::string(65536, 'x')).substr(0, 10), bytes({0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
    EXPECT_EQ(binaryFrame(std::string(65536, 'x')).size(), 10u + 65536u);
}

TEST(FrameWriter, AppendFrameBuildsOntoAnExistingBuffer) {
    std::string out = "already queued";
    appendFrame(out, Opcode::Text, "a");
    appendFrame(out, Opcode::Pong, "b");
    EXPECT_EQ(out, "already queued" + bytes({0x81, 0x01, 'a', 0x8A, 0x01, 'b'}));
}

TEST(FrameWriter, CloseFrameCarriesCodeThenReason) {
    EXPECT_EQ(closeFrame(CloseCode::Normal), bytes({0x88, 0x02, 0x03, 0xE8}));
    EXPECT_EQ(closeFrame(CloseCode::TryAgainLater, "busy"), bytes({0x88, 0x06, 0x03, 0xF5, 'b', 'u', 's', 'y'}));
}

TEST(FrameWriter, LongCloseReasonIsCutOnACharacterBoundary) {
    const std::string ascii(200, 'r');
    EXPECT_EQ(closeFrame(CloseCode::PolicyViolation, ascii), closeFrame(CloseCode::PolicyViolation, ascii.substr(0, 123)));

    std::string accents;
    for (int i = 0; i < 62; ++i) accents += "\xC3\xA9";  // 124 bytes: the 62nd character does not fit
    const std::string frame = closeFrame(CloseCode::PolicyViolation, accents);
    EXPECT_EQ(frame.size(), 2u + 2u + 122u);
    EXPECT_EQ(parse(asClientFrame(frame)), Events{closeEvent(CloseCode::PolicyViolation, accents.substr(0, 122))});
}

TEST(FrameWriter, TruncateUtf8NeverSplitsACharacter) {
    const std::string text = "a\xE2\x82\xAC\xF0\x9F\x98\x80";  // 1 + 3 + 4 bytes
    EXPECT_EQ(truncateUtf8(text, 100), text);
    EXPECT_EQ(truncateUtf8(text, 8), text);
    EXPECT_EQ(truncateUtf8(text, 7), "a\xE2\x82\xAC");
    EXPECT_EQ(truncateUtf8(text, 4), "a\xE2\x82\xAC");
    EXPECT_EQ(truncateUtf8(text, 3), "a");
    EXPECT_EQ(truncateUtf8(text, 1), "a");
    EXPECT_EQ(truncateUtf8(text, 0), "");
}

TEST(FrameWriter, RefusesControlFramesNoPeerWouldAccept) {
    EXPECT_THROW(pingFrame(std::string(126, 'x')), std::invalid_argument);
    EXPECT_THROW(encodeFrame(Opcode::Pong, "x", false), std::invalid_argument);
    EXPECT_THROW(encodeMaskedFrame(Opcode::Close, std::string(126, 'x'), true, kMask), std::invalid_argument);
    EXPECT_NO_THROW(pingFrame(std::string(125, 'x')));
}

TEST(FrameWriter, MaskedFrameSetsTheMaskBitAndKey) {
    // RFC 6455 section 5.7: a masked "Hello".
    EXPECT_EQ(encodeMaskedFrame(Opcode::Text, "Hello", true, MaskKey{0x37, 0xFA, 0x21, 0x3D}),
              bytes({0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58}));
}

TEST(FrameWriter, EveryFrameItWritesParsesBackToWhatWasWritten) {
    std::string accents;
    for (int i = 0; i < 40000; ++i) accents += "\xC3\xA9";
    EXPECT_EQ(parse(asClientFrame(textFrame(accents))), Events{textEvent(accents)});
    for (const std::size_t size : {0, 1, 125, 126, 65535, 65536}) {
        const std::string payload(size, 'q');
        EXPECT_EQ(parse(asClientFrame(binaryFrame(payload))), Events{binaryEvent(payload)}) << size;
    }
    EXPECT_EQ(parse(asClientFrame(pingFrame("tick"))), Events{pingEvent("tick")});
    EXPECT_EQ(parse(asClientFrame(pongFrame("tock"))), Events{pongEvent("tock")});
    EXPECT_EQ(parse(asClientFrame(closeFrame(CloseCode::GoingAway, "restart"))),
              Events{closeEvent(CloseCode::GoingAway, "restart")});

    const std::string fragmented = asClientFrame(encodeFrame(Opcode::Text, "frag", false)) +
                                   asClientFrame(encodeFrame(Opcode::Continuation, "ments"));
    EXPECT_EQ(parse(fragmented), Events{textEvent("fragments")});
}

}  // namespace
}  // namespace ocomms::realtime::websocket
