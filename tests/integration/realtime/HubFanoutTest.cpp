// Two hubs, as on two nodes, linked through the test Redis by RedisHubFanout: publishes and user
// unsubscriptions reach the other node once, and a lost subscription sends the clients away to resume.
#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "realtime/hub/RealtimeHub.hpp"
#include "realtime/hub/RedisHubFanout.hpp"
#include "redis/RedisSubscriber.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ErrorMessage.hpp"
#include "support/RedisTestTools.hpp"
#include "support/TestDatabases.hpp"
#include "unit/realtime/hub/HubTestTools.hpp"

namespace ocomms::realtime::test {
namespace {

using namespace std::chrono_literals;
using websocket::CloseCode;

/// One node: its fan-out and its hub, with `subscribe` and `sync` handlers.
class Node {
public:
    Node(const std::string& channel, Logger& logger, PresenceTracker& presence)
        : fanout_(redis::parseRedisUrl(ocomms::test::redisUrl()), 2s, logger, channel),
          hub_(HubOptions{}, logger, &fanout_, presence) {
        hub_.handle("subscribe", [this](const Client& client, const ClientMessage& message) {
            hub_.subscribe(client.connection, message.body["topic"].get<std::string>(), {});
            return json{{"type", "subscribed"}};
        });
        hub_.handle("sync", [](const Client&, const ClientMessage&) { return json{{"type", "synced"}}; });
        hub_.start();
    }

    RealtimeHub& hub() { return hub_; }

    HubPeer connect(std::int64_t userId) {
        auto [serverFd, client] = unixSocketPair();
        UserInfo user;
        user.id = userId;
        HubPeer peer{hub_.accept(serverFd, user), std::move(client)};
        EXPECT_EQ(peer.read().value("type", ""), "hello");  // every connection's first frame
        return peer;
    }

private:
    RedisHubFanout fanout_;  // outlives the hub, which stops it
    RealtimeHub hub_;
};

json event(std::int64_t sequence) {
    return {{"type", "ev"}, {"seq", sequence}};
}

class HubFanoutTest : public ::testing::Test {
protected:
    static void subscribe(HubPeer& peer, const std::string& topic) {
        peer.send({{"type", "subscribe"}, {"topic", topic}});
        ASSERT_EQ(peer.read().value("type", ""), "subscribed");
    }

    // A channel of this test's own, so that tests running at the same time never hear each other.
    const std::string channel = ocomms::test::uniqueRedisPrefix() + "ocomms:hub";
    ocomms::test::CapturingLogger logger;
    RecordingPresence presence;
    Node a{channel, logger, presence};
    Node b{channel, logger, presence};
};

TEST(HubFanoutStartTest, HubStartFailsNamingTheEndpointWhenRedisIsUnreachable) {
    ocomms::test::CapturingLogger logger;
    RecordingPresence presence;
    RedisHubFanout fanout(redis::parseRedisUrl("redis://127.0.0.1:1"), 1s, logger);
    RealtimeHub hub(HubOptions{}, logger, &fanout, presence);
    const std::string message = ocomms::test::errorMessageOf<redis::RedisError>([&] { hub.start(); });
    EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
}

TEST_F(HubFanoutTest, NodesHaveDifferentIds) {
    EXPECT_NE(a.hub().nodeId(), b.hub().nodeId());
}

TEST_F(HubFanoutTest, PublishReachesSubscribersOfEveryNodeExactlyOnce) {
    auto onA = a.connect(1);
    auto onB = b.connect(2);
    subscribe(onA, "channel:1");
    subscribe(onB, "channel:1");

    // Each publish travels through Redis after the one before was seen, so that an echo or a second
    // delivery of an earlier event would arrive before the next one and be caught.
    a.hub().publish("channel:1", event(1), 1);
    EXPECT_EQ(onA.read(), event(1));
    EXPECT_EQ(onB.read(), event(1));
    b.hub().publish("channel:1", event(2), 2);
    EXPECT_EQ(onB.read(), event(2));
    EXPECT_EQ(onA.read(), event(2));
    a.hub().publish("channel:1", event(3), 3);
    EXPECT_EQ(onA.read(), event(3));
    EXPECT_EQ(onB.read(), event(3));
    b.hub().publish("channel:1", event(4), 4);
    EXPECT_EQ(onA.read(), event(4));
    EXPECT_EQ(onB.read(), event(4));
    EXPECT_TRUE(onA.sync().empty());
    EXPECT_TRUE(onB.sync().empty());
}

TEST_F(HubFanoutTest, UnsubscribeUserOnOneNodeAppliesOnTheOther) {
    auto removed = b.connect(5);
    auto stays = b.connect(6);
    subscribe(removed, "channel:1");
    subscribe(stays, "channel:1");

    a.hub().unsubscribeUser(5, "channel:1");
    // Sent after the unsubscription on the same channel, so node B applies it first.
    a.hub().publish("channel:1", event(1), 1);
    EXPECT_EQ(stays.read(), event(1));
    EXPECT_TRUE(removed.sync().empty());
}

TEST_F(HubFanoutTest, LostRedisSubscriptionClosesTheNodesConnectionsWith1012) {
    auto onA = a.connect(1);
    auto onB = b.connect(2);
    onA.sync();
    onB.sync();
    // Both nodes' subscriptions share the channel's connection name.
    ASSERT_EQ(ocomms::test::killRedisClientsNamed(redis::subscriberClientName(channel)), 2);
    EXPECT_EQ(onB.readClose(), CloseCode::ServiceRestart);
    EXPECT_EQ(onA.readClose(), CloseCode::ServiceRestart);
    EXPECT_TRUE(presence.waitFor("disconnected " + std::to_string(onB.id)));

    // The gap is reported once the subscriptions are back in place: the nodes hear each other again.
    auto again = b.connect(3);
    subscribe(again, "channel:2");
    a.hub().publish("channel:2", event(1), 1);
    EXPECT_EQ(again.read(), event(1));
}

}  // namespace
}  // namespace ocomms::realtime::test
