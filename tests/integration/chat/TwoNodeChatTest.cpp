// Two `ocomms serve` processes sharing one PostgreSQL database and one Redis, as a deployment with two
// app nodes behind a load balancer: messages and presence cross between them, and a node that dies
// takes its users offline on the other within the presence TTL.
#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "chat/ChatApiClient.hpp"
#include "chat/ChatWebSocketClient.hpp"
#include "support/RedisTestTools.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kPresenceTtlSeconds = 5;  // the least realtime.presence_ttl accepts

class TwoNodeChatTest : public ::testing::Test {
protected:
    ServerOptions nodeOptions() const {
        ServerOptions options;
        options.databaseUrl = database.url();
        options.redisUrl = redisUrl();
        options.redisPrefix = prefix;  // the nodes of one instance share it
        options.pluginsYaml = "  - name: health\n  - name: chat\n";
        options.extraYaml = "auth:\n  secret: \"" + std::string(40, 's') + "\"\n"
                            "realtime:\n  presence_ttl: " + std::to_string(kPresenceTtlSeconds) + "s\n";
        return options;
    }

    void SetUp() override {
        nodeA.emplace(nodeOptions());
        nodeB.emplace(nodeOptions());
        nodeA->start();
        nodeB->start();
        api.emplace(nodeA->port());
        ann = api->registerFirstUser("ann@nodes.test", "nodes");
        bob = api->newMember(ann, "nodes", "member", "bob@nodes.test");
        channel = ChatApiClient(*api).newChannel(ann, "nodes", "across")["id"];
        ChatApiClient::expect(ChatApiClient(*api).channelAction(bob, channel, "join"), 200, "bob joins");
    }

    /// ann's socket on node A hears that `user` is now `status`.
    bool annHears(ChatSocket& annSocket, std::int64_t user, const std::string& status, std::chrono::milliseconds wait) {
        return annSocket.raw()
            .waitFor(
                [&](const json& m) {
                    return m.value("type", "") == "presence.changed" && m["user_id"] == user && m["status"] == status;
                },
                wait)
            .has_value();
    }

    const TestDatabase database = TestDatabase::postgres();
    const std::string prefix = uniqueRedisPrefix();
    std::optional<ServerProcess> nodeA;
    std::optional<ServerProcess> nodeB;
    std::optional<IdentityApiClient> api;
    Account ann, bob;
    std::int64_t channel = 0;
};

TEST_F(TwoNodeChatTest, AMessageSentOnOneNodeReachesSubscribersOnTheOther) {
    ChatSocket bobOnB = ChatSocket::open(nodeB->port(), bob);
    bobOnB.subscribe(channel, 0);
    ChatSocket annOnA = ChatSocket::open(nodeA->port(), ann);
    const json ack = annOnA.send(channel, "from A", "a-1");
    ASSERT_EQ(ack["type"], "ack");
    const json seen = bobOnB.nextMessage(channel);
    EXPECT_EQ(seen["id"], ack["message_id"]);
    EXPECT_EQ(seen["text"], "from A");

    // And back, with the sequence shared through the database.
    const json reply = bobOnB.send(channel, "from B", "b-1");
    annOnA.subscribe(channel, reply["seq"].get<std::int64_t>() - 1);
    EXPECT_EQ(annOnA.nextMessage(channel)["seq"], 2);
}

TEST_F(TwoNodeChatTest, PresenceOnOneNodeIsSeenOnTheOtherAndAKilledNodeTakesItsUsersOffline) {
    ChatSocket annOnA = ChatSocket::open(nodeA->port(), ann);
    ChatSocket bobOnB = ChatSocket::open(nodeB->port(), bob);
    ASSERT_TRUE(annHears(annOnA, bob.id, "online", 10s));
    const json presence = annOnA.result({{"type", "presence.get"}, {"org", "nodes"}});
    for (const json& member : presence["members"]) {
        if (member["user_id"] == bob.id) {
            EXPECT_EQ(member["status"], "online");
        }
    }

    nodeB->crash();  // kill -9: node B says nothing on its way out
    // Node A learns it from the missing heartbeats: within the TTL and a heartbeat (TTL / 3), plus slack
    // for a loaded test machine.
    EXPECT_TRUE(annHears(annOnA, bob.id, "offline", std::chrono::seconds(kPresenceTtlSeconds * 4)));
    const json after = annOnA.result({{"type", "presence.get"}, {"org", "nodes"}});
    for (const json& member : after["members"]) {
        if (member["user_id"] == bob.id) {
            EXPECT_EQ(member["status"], "offline");
        }
    }
}

}  // namespace
}  // namespace ocomms::test
