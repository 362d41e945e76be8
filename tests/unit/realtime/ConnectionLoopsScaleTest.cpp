#include "ConnectionLoopsFixture.hpp"

#include <dirent.h>

#include <string>
#include <vector>

namespace ocomms::realtime::test {
namespace {

using websocket::CloseCode;

class ConnectionLoopsScaleTest : public ConnectionLoopsFixture {};

std::size_t threadsOfThisProcess() {
    std::size_t count = 0;
    DIR* tasks = ::opendir("/proc/self/task");
    if (tasks == nullptr) return 0;
    while (const dirent* entry = ::readdir(tasks)) {
        if (entry->d_name[0] != '.') ++count;
    }
    ::closedir(tasks);
    return count;
}

TEST_F(ConnectionLoopsScaleTest, OneSharedFrameFansOutToHundredConnections) {
    startLoops(2);
    std::vector<AdoptedClient> peers;
    for (int i = 0; i < 100; ++i) peers.push_back(connect());

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

TEST_F(ConnectionLoopsScaleTest, ThousandConnectionsShareTwoThreads) {
    const std::size_t before = threadsOfThisProcess();
    startLoops(2);
    const std::size_t started = threadsOfThisProcess();
    EXPECT_EQ(started, before + 2);

    std::vector<AdoptedClient> peers;
    peers.reserve(1000);
    for (int i = 0; i < 1000; ++i) peers.push_back(connect());
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
