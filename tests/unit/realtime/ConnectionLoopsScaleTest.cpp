#include "ConnectionLoopsFixture.hpp"

#include <sys/socket.h>

#include <future>
#include <string>
#include <vector>

namespace ocomms::realtime::test {
namespace {

using websocket::CloseCode;

class ConnectionLoopsScaleTest : public ConnectionLoopsFixture {};

TEST_F(ConnectionLoopsScaleTest, OneSharedFrameFansOutToHundredConnections) {
    startLoops(2);
    auto peers = connectMany(100);

    auto frame = ConnectionLoops::encodeTextFrame("to everyone");
    for (const auto& peer : peers) ASSERT_TRUE(loops->sendFrame(peer.id, frame));
    for (auto& peer : peers) {
        const auto received = peer.client.readFrame();
        ASSERT_TRUE(received.has_value());
        EXPECT_EQ(received->payload, "to everyone");
    }
    // Every queue let go of the one copy once it was written.
    EXPECT_TRUE(eventually([&] { return frame.use_count() == 1; }));
}

TEST_F(ConnectionLoopsScaleTest, SlowConsumerIsClosedWith1013AndItsQueueStaysBounded) {
    limits.maxQueuedBytes = 256 * 1024;
    startLoops();
    auto peer = connect();
    const std::string message(16 * 1024, 'm');
    std::size_t acceptedBytes = 0;
    // The client never reads: after the socket buffers fill, every accepted byte waits in the queue.
    // Anti-hang bound far above the limit plus any kernel buffer.
    constexpr std::size_t kGiveUpBytes = 512 * 1024 * 1024;
    while (acceptedBytes < kGiveUpBytes && loops->sendText(peer.id, message)) acceptedBytes += message.size();
    EXPECT_LT(acceptedBytes, kGiveUpBytes) << "the queue never refused a frame";

    const auto closed = events.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, CloseCode::TryAgainLater);
    EXPECT_FALSE(loops->sendText(peer.id, message));
    EXPECT_EQ(loops->connectionCount(), 0u);
}

class SendRoomTest : public ConnectionLoopsScaleTest {
protected:
    /// A client that reads nothing, with a small socket buffer and 1 MiB waiting in its queue.
    AdoptedClient backloggedClient() {
        auto [serverFd, client] = unixSocketPair();
        const int small = 16 * 1024;
        ::setsockopt(serverFd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
        AdoptedClient peer{loops->adopt(serverFd), std::move(client)};
        for (int i = 0; i < kFrames; ++i) EXPECT_TRUE(loops->sendText(peer.id, message));
        return peer;
    }

    static constexpr int kFrames = 16;
    const std::string message = std::string(64 * 1024, 'm');
};

TEST_F(SendRoomTest, WaitForSendRoomReturnsOnceTheClientHasReadTheQueue) {
    startLoops();
    auto peer = backloggedClient();
    EXPECT_EQ(loops->waitForSendRoom(peer.id, 512 * 1024, std::chrono::milliseconds(0)),
              ConnectionLoops::SendRoom::TimedOut);
    auto reader = std::async(std::launch::async, [&] {
        int frames = 0;
        while (frames < kFrames && peer.client.readFrame()) ++frames;
        return frames;
    });
    EXPECT_EQ(loops->waitForSendRoom(peer.id, 0, kAntiHang), ConnectionLoops::SendRoom::Available);
    EXPECT_EQ(reader.get(), kFrames);
}

TEST_F(SendRoomTest, WaitForSendRoomEndsWhenTheConnectionCloses) {
    startLoops();
    auto peer = backloggedClient();
    auto waiter = std::async(std::launch::async, [&] { return loops->waitForSendRoom(peer.id, 0, kAntiHang); });
    loops->close(peer.id, 4000, "bye");
    EXPECT_EQ(waiter.get(), ConnectionLoops::SendRoom::Closed);
    EXPECT_EQ(loops->waitForSendRoom(peer.id + 1, 0, kAntiHang), ConnectionLoops::SendRoom::Closed)
        << "an unknown connection has no room";
}

TEST_F(ConnectionLoopsScaleTest, ThousandConnectionsShareTwoThreads) {
    const std::size_t before = threadsOfThisProcess();
    startLoops(2);
    const std::size_t started = threadsOfThisProcess();
    EXPECT_EQ(started, before + 2);

    auto peers = connectMany(1000);
    for (auto& peer : peers) peer.client.sendFrame(Opcode::Text, "ping " + std::to_string(peer.id));
    ASSERT_TRUE(events.waitForTextCount(1000));
    for (const auto& peer : peers) ASSERT_TRUE(loops->sendText(peer.id, "pong " + std::to_string(peer.id)));
    for (auto& peer : peers) {
        const auto frame = peer.client.readFrame();
        ASSERT_TRUE(frame.has_value());
        ASSERT_EQ(frame->payload, "pong " + std::to_string(peer.id));
    }

    EXPECT_EQ(loops->connectionCount(), 1000u);
    EXPECT_EQ(loops->threadCount(), 2);
    EXPECT_EQ(threadsOfThisProcess(), started);
    EXPECT_EQ(events.callbackThreadCount(), 2u) << "connections were not spread over both loops";

    loops->stop(std::chrono::milliseconds(0));
    EXPECT_EQ(loops->connectionCount(), 0u);
    for (const auto& peer : peers) ASSERT_EQ(events.closedCount(peer.id), 1u);
}

}  // namespace
}  // namespace ocomms::realtime::test
