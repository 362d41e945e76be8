#include "ConnectionLoopsFixture.hpp"

#include <sys/socket.h>

#include <string>
#include <thread>

namespace ocomms::realtime::test {
namespace {

using websocket::CloseCode;

class ConnectionLoopsTest : public ConnectionLoopsFixture {};

TEST_F(ConnectionLoopsTest, TextMessageReachesOnText) {
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Text, "hello");
    EXPECT_EQ(events.waitForText(peer.id), "hello");
}

TEST_F(ConnectionLoopsTest, FragmentedMessageArrivesWhole) {
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Text, "hel", false);
    peer.client.sendFrame(Opcode::Continuation, "lo", true);
    EXPECT_EQ(events.waitForText(peer.id), "hello");
}

TEST_F(ConnectionLoopsTest, SendTextArrivesUnmasked) {
    startLoops();
    auto peer = connect();
    ASSERT_TRUE(loops->sendText(peer.id, "from the server"));
    const auto frame = peer.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->opcode, Opcode::Text);
    EXPECT_TRUE(frame->fin);
    EXPECT_FALSE(frame->masked);
    EXPECT_EQ(frame->payload, "from the server");
}

TEST_F(ConnectionLoopsTest, PingIsAnsweredWithPongOfTheSamePayload) {
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Ping, "are you there");
    const auto frame = peer.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->opcode, Opcode::Pong);
    EXPECT_EQ(frame->payload, "are you there");
}

TEST_F(ConnectionLoopsTest, ClientCloseIsEchoedAndReportedOnce) {
    startLoops();
    auto peer = connect();
    peer.client.sendClose(CloseCode::Normal);
    expectClosedWith(peer, CloseCode::Normal);
    EXPECT_FALSE(loops->sendText(peer.id, "too late"));
    EXPECT_EQ(loops->connectionCount(), 0u);
    loops->stop(std::chrono::milliseconds(0));
    EXPECT_EQ(events.closedCount(peer.id), 1u);
}

TEST_F(ConnectionLoopsTest, CloseWithoutStatusIsAnsweredWith1000) {
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Close, "");
    const auto frame = peer.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->closeCode(), CloseCode::Normal);
    const auto closed = events.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, CloseCode::NoStatusReceived);
}

TEST_F(ConnectionLoopsTest, ServerCloseWaitsForTheClientsAnswer) {
    startLoops();
    auto peer = connect();
    loops->close(peer.id, 4000, "kicked");
    const auto frame = peer.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->closeCode(), 4000);
    EXPECT_EQ(frame->payload.substr(2), "kicked");
    EXPECT_FALSE(loops->sendText(peer.id, "after close"));
    peer.client.sendClose(4000);
    const auto closed = events.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, 4000);
    EXPECT_EQ(closed->reason, "kicked");
    EXPECT_TRUE(peer.client.waitForEndOfStream());
}

TEST_F(ConnectionLoopsTest, InvalidUtf8ClosesWith1007) {
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Text, "bad \xC0\xAF");
    expectClosedWith(peer, CloseCode::InvalidPayload);
    EXPECT_EQ(events.textCount(peer.id), 0u);
}

TEST_F(ConnectionLoopsTest, OversizedMessageClosesWith1009) {
    limits.maxMessageBytes = 1024;
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Text, std::string(1025, 'x'));
    expectClosedWith(peer, CloseCode::MessageTooBig);
}

TEST_F(ConnectionLoopsTest, UnmaskedFrameClosesWith1002) {
    startLoops();
    auto peer = connect();
    peer.client.sendRaw(websocket::textFrame("not masked"));
    expectClosedWith(peer, CloseCode::ProtocolError);
}

TEST_F(ConnectionLoopsTest, BinaryMessageClosesWith1003) {
    startLoops();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Binary, "\x01\x02");
    const auto frame = peer.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->opcode, Opcode::Close);
    EXPECT_EQ(frame->closeCode(), CloseCode::UnsupportedData);
    peer.client.sendClose(CloseCode::UnsupportedData);
    const auto closed = events.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, CloseCode::UnsupportedData);
}

TEST_F(ConnectionLoopsTest, IdleConnectionIsPingedThenClosedWith1001) {
    limits.pingInterval = std::chrono::milliseconds(50);
    limits.idleTimeout = std::chrono::milliseconds(300);
    startLoops();
    auto peer = connect();
    const auto ping = peer.client.readFrame();
    ASSERT_TRUE(ping.has_value());
    EXPECT_EQ(ping->opcode, Opcode::Ping);
    // No pong: a pong is traffic and would restart the idle clock.
    expectClosedWith(peer, CloseCode::GoingAway);
}

TEST_F(ConnectionLoopsTest, TrafficKeepsTheConnectionOpen) {
    limits.pingInterval = std::chrono::milliseconds(50);
    limits.idleTimeout = std::chrono::milliseconds(150);
    startLoops();
    auto peer = connect();
    for (int i = 0; i < 5; ++i) {
        const auto frame = peer.client.readFrame();
        ASSERT_TRUE(frame.has_value());
        ASSERT_EQ(frame->opcode, Opcode::Ping) << "closed although the client answered every ping";
        peer.client.sendFrame(Opcode::Pong, frame->payload);
    }
    EXPECT_EQ(events.closedCount(peer.id), 0u);
}

TEST_F(ConnectionLoopsTest, PeerResetIsReportedAs1006) {
    startLoops();
    auto peer = connectTcp();
    peer.client.sendFrame(Opcode::Text, "hi");
    ASSERT_TRUE(events.waitForText(peer.id).has_value());
    peer.client.reset();
    const auto closed = events.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, 1006);
}

TEST_F(ConnectionLoopsTest, PeerEndOfStreamWithoutCloseFrameIsReportedAs1006) {
    startLoops();
    auto peer = connect();
    peer.client.closeSocket();
    const auto closed = events.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, 1006);
}

TEST_F(ConnectionLoopsTest, StopClosesEveryoneWith1001) {
    startLoops(2);
    auto answering = connect();
    auto silent = connect();
    std::thread stopper([&] { loops->stop(std::chrono::milliseconds(500)); });

    const auto frame = answering.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->closeCode(), CloseCode::GoingAway);
    answering.client.sendClose(CloseCode::GoingAway);
    const auto silentFrame = silent.client.readFrame();
    ASSERT_TRUE(silentFrame.has_value());
    EXPECT_EQ(silentFrame->closeCode(), CloseCode::GoingAway);
    stopper.join();

    for (const auto* peer : {&answering, &silent}) {
        EXPECT_EQ(events.closedCount(peer->id), 1u);
        const auto closed = events.waitForClosed(peer->id, std::chrono::milliseconds(0));
        ASSERT_TRUE(closed.has_value());
        EXPECT_EQ(closed->code, CloseCode::GoingAway);
    }
    EXPECT_TRUE(silent.client.waitForEndOfStream());
    EXPECT_THROW(loops->adopt(unixSocketPair().first), std::logic_error);
}

TEST_F(ConnectionLoopsTest, DestructorClosesWhatIsStillOpen) {
    startLoops();
    auto peer = connect();
    loops.reset();
    const auto closed = events.waitForClosed(peer.id, std::chrono::milliseconds(0));
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, CloseCode::GoingAway);
}

}  // namespace
}  // namespace ocomms::realtime::test
