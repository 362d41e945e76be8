#include "ServerFrameReader.hpp"

#include "realtime/websocket/FrameWriter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ocomms::bench {
namespace {

using realtime::websocket::Opcode;

struct Seen {
    Opcode opcode;
    std::string payload;
    bool operator==(const Seen&) const = default;
};

class Reader {
public:
    bool feed(std::string_view bytes) {
        return reader_.feed(bytes, [&](const ServerMessage& m) { seen.push_back({m.opcode, std::string(m.payload)}); });
    }
    std::vector<Seen> seen;

private:
    ServerFrameReader reader_;
};

TEST(ServerFrameReader, ReadsEveryFrameOfOneChunkInOrder) {
    Reader reader;
    const std::string large(70000, 'z');
    ASSERT_TRUE(reader.feed(realtime::websocket::textFrame("one") + realtime::websocket::pingFrame("p") +
                            realtime::websocket::binaryFrame(large)));
    EXPECT_EQ(reader.seen, (std::vector<Seen>{{Opcode::Text, "one"}, {Opcode::Ping, "p"}, {Opcode::Binary, large}}));
}

TEST(ServerFrameReader, SameMessagesWhateverTheSplit) {
    const std::string wire = realtime::websocket::textFrame(std::string(300, 'a')) + realtime::websocket::textFrame("b");
    for (std::size_t piece = 1; piece <= 7; ++piece) {
        Reader reader;
        for (std::size_t at = 0; at < wire.size(); at += piece) ASSERT_TRUE(reader.feed(std::string_view(wire).substr(at, piece)));
        EXPECT_EQ(reader.seen, (std::vector<Seen>{{Opcode::Text, std::string(300, 'a')}, {Opcode::Text, "b"}}))
            << "pieces of " << piece;
    }
}

TEST(ServerFrameReader, JoinsFragmentsAndPassesControlFramesBetweenThem) {
    Reader reader;
    using realtime::websocket::encodeFrame;
    ASSERT_TRUE(reader.feed(encodeFrame(Opcode::Text, "Hel", false) + realtime::websocket::pingFrame() +
                            encodeFrame(Opcode::Continuation, "lo", false) + encodeFrame(Opcode::Continuation, "!")));
    EXPECT_EQ(reader.seen, (std::vector<Seen>{{Opcode::Ping, ""}, {Opcode::Text, "Hello!"}}));
}

TEST(ServerFrameReader, RefusesAMaskedFrameAndStops) {
    Reader reader;
    EXPECT_FALSE(reader.feed(realtime::websocket::encodeMaskedFrame(Opcode::Text, "x", true, {1, 2, 3, 4})));
    EXPECT_FALSE(reader.feed(realtime::websocket::textFrame("after")));
    EXPECT_TRUE(reader.seen.empty());
}

TEST(ServerFrameReader, RefusesAContinuationWithoutAStart) {
    Reader reader;
    EXPECT_FALSE(reader.feed(realtime::websocket::encodeFrame(Opcode::Continuation, "x")));
}

}  // namespace
}  // namespace ocomms::bench
