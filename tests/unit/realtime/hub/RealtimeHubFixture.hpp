// A real RealtimeHub (no fan-out) over socketpairs, with the client ends and a recording presence tracker
// in the test's hands.
#pragma once

#include "../TestConditions.hpp"
#include "HubTestTools.hpp"
#include "realtime/hub/RealtimeHub.hpp"
#include "support/CapturingLogger.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace ocomms::realtime::test {

class RealtimeHubFixture : public ::testing::Test {
protected:
    void TearDown() override {
        if (hub) hub->stop(std::chrono::milliseconds(0));
    }

    /// Creates and starts the hub with `options`; the `sync` handler answers `synced`.
    void startHub() {
        hub = std::make_unique<RealtimeHub>(options, logger, nullptr, presence);
        hub->handle("sync", [](const Client&, const ClientMessage&) { return json{{"type", "synced"}}; });
        hub->start();
    }

    /// A connection whose `hello` (its first frame, sent once the connect handlers ran) was read.
    HubPeer connect(std::int64_t userId = 1) {
        HubPeer peer = connectBeforeHello(userId);
        EXPECT_EQ(peer.read().value("type", ""), "hello");
        return peer;
    }

    /// A connection whose `hello` is still to be read, for tests that hold its connect handlers.
    HubPeer connectBeforeHello(std::int64_t userId = 1) {
        auto [serverFd, client] = unixSocketPair();
        UserInfo user;
        user.id = userId;
        user.email = "user" + std::to_string(userId) + "@example.com";
        const ConnectionId id = hub->accept(serverFd, user);
        return {id, std::move(client)};
    }

    HubOptions options;
    ocomms::test::CapturingLogger logger;
    RecordingPresence presence;
    std::unique_ptr<RealtimeHub> hub;
};

}  // namespace ocomms::realtime::test
