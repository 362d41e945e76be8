// sendFrameToEach: one batch per loop for a fan-out, with the same rules as sendFrame per connection.
#include "ConnectionLoopsFixture.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ocomms::realtime::test {
namespace {

using websocket::CloseCode;

class ConnectionLoopsFanoutTest : public ConnectionLoopsFixture {};

TEST_F(ConnectionLoopsFanoutTest, EveryConnectionOnEveryLoopGetsTheFramesInOrder) {
    startLoops(2);
    auto peers = connectMany(20);
    std::vector<ConnectionId> ids;
    for (const auto& peer : peers) ids.push_back(peer.id);

    for (const char* text : {"first", "second", "third"}) {
        loops->sendFrameToEach(ids, ConnectionLoops::encodeTextFrame(text));
    }
    for (auto& peer : peers) {
        for (const char* text : {"first", "second", "third"}) {
            const auto received = peer.client.readFrame();
            ASSERT_TRUE(received.has_value()) << "connection " << peer.id << " missed " << text;
            EXPECT_EQ(received->payload, text);
        }
    }
}

TEST_F(ConnectionLoopsFanoutTest, GoneConnectionsAreSkippedAndTheOthersServed) {
    startLoops(2);
    auto leaving = connect();
    auto staying = connect();
    leaving.client.sendClose(CloseCode::Normal);
    expectClosedWith(leaving, CloseCode::Normal);

    const std::vector<ConnectionId> ids{leaving.id, staying.id, 9999};
    loops->sendFrameToEach(ids, ConnectionLoops::encodeTextFrame("still here"));
    const auto received = staying.client.readFrame();
    ASSERT_TRUE(received.has_value());
    EXPECT_EQ(received->payload, "still here");
}

TEST_F(ConnectionLoopsFanoutTest, ConsumerPastItsLimitIsClosedWith1013WhileTheOthersKeepReceiving) {
    limits.maxQueuedBytes = 256 * 1024;
    startLoops();
    auto stalled = connect();
    auto reading = connect();
    const std::vector<ConnectionId> ids{stalled.id, reading.id};
    const auto frame = ConnectionLoops::encodeTextFrame(std::string(16 * 1024, 'm'));
    // The stalled client never reads: its queue passes the limit after the socket buffers fill, while
    // the reading client drains every frame. Anti-hang bound far above the limit plus any kernel buffer.
    constexpr int kGiveUpFrames = 32 * 1024;
    int sent = 0;
    const auto stalledTakesFrames = [&] {
        return loops->waitForSendRoom(stalled.id, SIZE_MAX, std::chrono::milliseconds(0)) !=
               ConnectionLoops::SendRoom::Closed;
    };
    for (; sent < kGiveUpFrames && stalledTakesFrames(); ++sent) {
        loops->sendFrameToEach(ids, frame);
        const auto received = reading.client.readFrame();
        ASSERT_TRUE(received.has_value()) << "the reading client missed frame " << sent;
    }
    EXPECT_LT(sent, kGiveUpFrames) << "the stalled consumer was never closed";
    const auto closed = events.waitForClosed(stalled.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, CloseCode::TryAgainLater);
    EXPECT_FALSE(loops->sendFrame(stalled.id, frame));
    EXPECT_TRUE(loops->sendFrame(reading.id, frame));
}

}  // namespace
}  // namespace ocomms::realtime::test
