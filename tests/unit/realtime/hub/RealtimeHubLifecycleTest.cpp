// A real hub's connections over their life: closing one, stopping the hub, pacing send() to a slow
// client, and a fixed number of threads whatever the number of connections.
#include "RealtimeHubFixture.hpp"

#include <sys/socket.h>

#include <atomic>

namespace ocomms::realtime::test {
namespace {

using websocket::CloseCode;

class RealtimeHubLifecycleTest : public RealtimeHubFixture {};

TEST_F(RealtimeHubLifecycleTest, CloseSendsTheCodeAndReportsTheDisconnect) {
    startHub();
    std::atomic<int> disconnects{0};
    hub->onDisconnect([&](const Client&) { ++disconnects; });
    auto peer = connect(3);
    hub->close(peer.id, 4001, "removed from the organization");
    const auto frame = peer.client.readFrame();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->opcode, Opcode::Close);
    EXPECT_EQ(frame->closeCode(), 4001);
    EXPECT_EQ(frame->payload.substr(2), "removed from the organization");
    peer.client.answerClose(4001);
    ASSERT_TRUE(presence.waitFor("disconnected " + std::to_string(peer.id)));
    EXPECT_TRUE(eventually([&] { return disconnects.load() == 1; }));
    EXPECT_TRUE(peer.client.waitForEndOfStream());
}

TEST_F(RealtimeHubLifecycleTest, StopClosesEveryConnectionWith1001AfterTheHandlerInFlight) {
    options.workerThreads = 2;
    startHub();
    Gate gate;
    std::atomic<bool> handlerFinished{false};
    std::atomic<int> disconnects{0};
    hub->handle("slow", [&](const Client&, const ClientMessage&) -> std::optional<json> {
        gate.pass();
        handlerFinished = true;
        return std::nullopt;
    });
    hub->onDisconnect([&](const Client&) { ++disconnects; });
    auto busy = connect(1);
    auto idle = connect(2);
    busy.send({{"type", "slow"}});
    ASSERT_TRUE(gate.waitForArrivals(1));

    std::thread stopper([&] { hub->stop(std::chrono::milliseconds(5000)); });
    EXPECT_EQ(busy.readClose(), CloseCode::GoingAway);
    EXPECT_EQ(idle.readClose(), CloseCode::GoingAway);
    gate.open();
    stopper.join();
    EXPECT_TRUE(handlerFinished.load());
    EXPECT_EQ(disconnects.load(), 2);
    EXPECT_EQ(hub->connectionCount(), 0u);
    EXPECT_THROW(hub->accept(unixSocketPair().first, UserInfo{}), std::logic_error);
}

TEST_F(RealtimeHubLifecycleTest, SendWaitsForASlowClientInsteadOfOverflowingItsQueue) {
    options.limits.maxQueuedBytes = 256 * 1024;
    startHub();
    constexpr int kEvents = 64;
    const std::string padding(16 * 1024, 'p');  // 1 MiB in all: four times the queue limit
    std::atomic<int> started{0};
    hub->handle("backlog", [&](const Client& client, const ClientMessage&) -> std::optional<json> {
        for (int n = 0; n < kEvents; ++n) {
            ++started;
            if (!hub->send(client.connection, {{"type", "ev"}, {"n", n}, {"padding", padding}})) break;
        }
        return json{{"type", "backlog done"}};
    });
    auto [serverFd, client] = unixSocketPair();
    const int small = 16 * 1024;  // so that the queue, not the socket buffer, holds the backlog
    ::setsockopt(serverFd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    HubPeer peer{hub->accept(serverFd, UserInfo{}), std::move(client)};
    ASSERT_EQ(peer.read().value("type", ""), "hello");

    peer.send({{"type", "backlog"}});
    // The client reads nothing until part of the backlog is on its way; unpaced, the rest would then be
    // queued at once and pass the limit.
    ASSERT_TRUE(eventually([&] { return started.load() >= 4; }));
    for (int n = 0; n < kEvents; ++n) {
        const json received = peer.read();
        ASSERT_TRUE(received.is_object()) << "event " << n << " did not come (the connection was closed?)";
        ASSERT_EQ(received.value("n", -1), n) << received.dump().substr(0, 200);
    }
    EXPECT_EQ(peer.read().value("type", ""), "backlog done");
}

TEST_F(RealtimeHubLifecycleTest, FiveHundredConnectionsAddNoThread) {
    options.loopThreads = 2;
    options.workerThreads = 3;
    const std::size_t before = threadsOfThisProcess();
    startHub();
    const std::size_t started = threadsOfThisProcess();
    EXPECT_EQ(started, before + 5);
    EXPECT_EQ(hub->loopThreadCount(), 2);
    EXPECT_EQ(hub->workerThreadCount(), 3);

    std::vector<HubPeer> peers;
    peers.reserve(500);
    for (int i = 0; i < 500; ++i) peers.push_back(connect(i + 1));
    for (auto& peer : peers) peer.send({{"type", "sync"}, {"ref", peer.id}});
    for (auto& peer : peers) ASSERT_EQ(peer.read()["ref"], peer.id);
    EXPECT_EQ(hub->connectionCount(), 500u);
    EXPECT_EQ(threadsOfThisProcess(), started);
}

TEST_F(RealtimeHubLifecycleTest, NodeIdIsRandomHexOf128Bits) {
    startHub();
    RealtimeHub other(options, logger, nullptr, presence);
    EXPECT_EQ(hub->nodeId().size(), 32u);
    EXPECT_EQ(hub->nodeId().find_first_not_of("0123456789abcdef"), std::string::npos) << hub->nodeId();
    EXPECT_NE(hub->nodeId(), other.nodeId());
}

}  // namespace
}  // namespace ocomms::realtime::test
