// Real ConnectionLoops over real sockets, with the client ends in the test's hands.
#pragma once

#include "realtime/ConnectionLoops.hpp"
#include "RecordingConnectionEvents.hpp"
#include "TestConditions.hpp"
#include "TestWebSocketClient.hpp"
#include "support/CapturingLogger.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

namespace ocomms::realtime::test {

struct AdoptedClient {
    ConnectionId id;
    TestWebSocketClient client;
};

class ConnectionLoopsFixture : public ::testing::Test {
protected:
    void startLoops(int threads = 1) {
        loops = std::make_unique<ConnectionLoops>(threads, limits, events, logger);
        loops->start();
    }

    AdoptedClient connect() {
        auto [serverFd, client] = unixSocketPair();
        const ConnectionId id = loops->adopt(serverFd);
        return {id, std::move(client)};
    }

    std::vector<AdoptedClient> connectMany(int count) {
        std::vector<AdoptedClient> peers;
        peers.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) peers.push_back(connect());
        return peers;
    }

    AdoptedClient connectTcp() {
        auto [serverFd, client] = tcpLoopbackPair();
        const ConnectionId id = loops->adopt(serverFd);
        return {id, std::move(client)};
    }

    /// Expects the server's close frame with `code`, answers it as a browser would, then expects
    /// onClosed with that code and the end of the stream.
    void expectClosedWith(AdoptedClient& peer, std::uint16_t code) {
        const auto frame = peer.client.readFrame();
        ASSERT_TRUE(frame.has_value()) << "no close frame";
        EXPECT_EQ(frame->opcode, Opcode::Close);
        EXPECT_EQ(frame->closeCode(), code);
        peer.client.answerClose(code);
        const auto closed = events.waitForClosed(peer.id);
        ASSERT_TRUE(closed.has_value()) << "onClosed was not called";
        EXPECT_EQ(closed->code, code);
        EXPECT_TRUE(peer.client.waitForEndOfStream());
    }

    ConnectionLimits limits;
    RecordingConnectionEvents events;
    ocomms::test::CapturingLogger logger;
    std::unique_ptr<ConnectionLoops> loops;
};

}  // namespace ocomms::realtime::test
