// Chat through the real WebSocket endpoint of a running server: the protocol of docs/protocol.md end to
// end, with SQLite and in-process presence, and with PostgreSQL and Redis.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "chat/ChatApiClient.hpp"
#include "chat/ChatWebSocketClient.hpp"
#include "realtime/websocket/Frame.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

using nlohmann::json;

class ChatWebSocketTest : public ChatServerTest {
protected:
    void configure(ServerOptions& options) override {
        ChatServerTest::configure(options);
        // PostgreSQL runs with Redis, as production does: presence and events go through it.
        if (GetParam() == Dialect::Postgres) options.redisUrl = redisUrl();
    }

    ChatSocket connect(const Account& as) { return ChatSocket::open(server_->port(), as); }
    std::int64_t newChannel(const std::string& name) {
        const auto channel = chat().newChannel(ann, "alpha", name);
        ChatApiClient::expect(chat().channelAction(bob, channel["id"], "join"), 200, "bob joins");
        return channel["id"];
    }
};

TEST_P(ChatWebSocketTest, SubscribeSendsTheBacklogAfterTheGivenSequenceThenLiveMessages) {
    const std::int64_t channel = newChannel("general");
    for (const char* text : {"one", "two", "three"}) chat().newMessage(ann, channel, text);

    ChatSocket bobSocket = connect(bob);
    const json subscribed = bobSocket.subscribe(channel, 1);
    // The backlog came first, in order, then the answer.
    EXPECT_EQ(subscribed["type"], "subscribed");
    EXPECT_EQ(subscribed["last_seq"], 3);
    EXPECT_EQ(bobSocket.nextMessage(channel)["text"], "two");
    EXPECT_EQ(bobSocket.nextMessage(channel)["text"], "three");

    ChatSocket annSocket = connect(ann);
    const json ack = annSocket.send(channel, "live", "c-live");
    EXPECT_EQ(ack["type"], "ack");
    EXPECT_EQ(ack["client_id"], "c-live");
    EXPECT_EQ(ack["seq"], 4);
    const json live = bobSocket.nextMessage(channel);
    EXPECT_EQ(live["id"], ack["message_id"]);
    EXPECT_EQ(live["seq"], 4);
    EXPECT_EQ(live["author_id"], ann.id);
    EXPECT_EQ(live["text"], "live");
    EXPECT_EQ(live["client_id"], "c-live");
    EXPECT_TRUE(live["parent_id"].is_null());
    EXPECT_TRUE(live["created_at"].is_string());
    // The acknowledged message is in the database.
    EXPECT_EQ(chat().texts(bob, channel).back(), "live");
}

TEST_P(ChatWebSocketTest, ARetriedSendWithTheSameClientIdIsOneMessage) {
    const std::int64_t channel = newChannel("retry");
    ChatSocket bobSocket = connect(bob);
    bobSocket.subscribe(channel, 0);
    ChatSocket annSocket = connect(ann);
    const json first = annSocket.send(channel, "once", "same-id");
    const json again = annSocket.send(channel, "once", "same-id");
    EXPECT_EQ(again["type"], "ack");
    EXPECT_EQ(again["message_id"], first["message_id"]);
    EXPECT_EQ(again["seq"], first["seq"]);
    annSocket.send(channel, "marker", "marker-id");
    // Bob sees the message once, then the marker: the retry was not broadcast again.
    EXPECT_EQ(bobSocket.nextMessage(channel)["text"], "once");
    EXPECT_EQ(bobSocket.nextMessage(channel)["text"], "marker");
    EXPECT_EQ(chat().texts(bob, channel), (std::vector<std::string>{"once", "marker"}));
}

TEST_P(ChatWebSocketTest, AClientKilledMidStreamResumesFromItsLastSequenceMissingNothingAndSeeingNothingTwice) {
    const std::int64_t channel = newChannel("stream");
    constexpr int kMessages = 120;
    std::atomic<int> posted{0};
    std::string posterError;
    std::thread poster([&] {
        try {
            ChatSocket annSocket = connect(ann);
            for (int i = 1; i <= kMessages; ++i) {
                const json ack = annSocket.send(channel, "m" + std::to_string(i), "stream-" + std::to_string(i));
                if (ack.value("type", "") != "ack") throw std::runtime_error("no ack: " + ack.dump());
                posted.store(i);
            }
        } catch (const std::exception& e) {
            posterError = e.what();
            posted.store(kMessages);
        }
    });

    std::vector<std::int64_t> seen;  // sequences, in the order they arrived, over both connections
    {
        ChatSocket first = connect(bob);
        first.subscribe(channel, 0);
        while (seen.size() < 30) seen.push_back(first.nextMessage(channel)["seq"]);
        first.raw().abort();  // no close frame: the client vanished mid-stream
    }
    // Let messages be posted while bob is away.
    while (posted.load() < 60) std::this_thread::yield();
    ChatSocket second = connect(bob);
    second.subscribe(channel, seen.back());
    while (seen.size() < kMessages) seen.push_back(second.nextMessage(channel)["seq"]);
    poster.join();
    ASSERT_EQ(posterError, "");

    for (int i = 0; i < kMessages; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], i + 1) << "at " << i;
    // And nothing more arrives: the last message was not doubled.
    second.send(channel, "after", "after-1");
    EXPECT_EQ(second.nextMessage(channel)["text"], "after");
}

TEST_P(ChatWebSocketTest, BadRequestsAreAnsweredWithTheirRefAndTheConnectionGoesOn) {
    const std::int64_t channel = newChannel("errors");
    ChatSocket socket = connect(bob);

    socket.raw().sendText("{not json");
    json error = socket.next("error");
    EXPECT_EQ(error["code"], "invalid_json");
    EXPECT_TRUE(error["ref"].is_null());

    socket.raw().sendText("[1, 2]");
    EXPECT_EQ(socket.next("error")["code"], "invalid_message");

    error = socket.request({{"no_type", true}});
    EXPECT_EQ(error["code"], "invalid_message");

    error = socket.request({{"type", "no.such.thing"}});
    EXPECT_EQ(error["code"], "unknown_type");
    EXPECT_NE(error["message"].get<std::string>().find("no.such.thing"), std::string::npos);

    error = socket.request({{"type", "message.send"}, {"channel_id", channel}, {"client_id", "x"}});
    EXPECT_EQ(error["code"], "missing_field");
    EXPECT_NE(error["message"].get<std::string>().find("text"), std::string::npos);

    error = socket.request({{"type", "message.send"}, {"channel_id", "seven"}, {"text", "t"}, {"client_id", "x"}});
    EXPECT_EQ(error["code"], "invalid_field");
    EXPECT_NE(error["message"].get<std::string>().find("channel_id"), std::string::npos);

    error = socket.send(channel, std::string(kMaxMessageBytes + 1, 'x'), "too-big");
    EXPECT_EQ(error["code"], "message_too_large");

    // A channel of another organization does not exist for dan, over the socket as over REST.
    ChatSocket outsider = connect(dan);
    EXPECT_EQ(outsider.subscribe(channel, 0)["code"], "channel_not_found");
    EXPECT_EQ(outsider.send(channel, "hi", "d-1")["code"], "channel_not_found");

    // After all that, the same connection still works.
    EXPECT_EQ(socket.send(channel, "still here", "ok-1")["type"], "ack");
}

TEST_P(ChatWebSocketTest, EveryRequestTypeAnswersWithTheRestShapeAndItsEventsReachSubscribers) {
    ChatSocket annSocket = connect(ann);
    ChatSocket bobSocket = connect(bob);
    ChatSocket bobOtherTab = connect(bob);

    const json created = annSocket.result({{"type", "channel.create"}, {"org", "alpha"}, {"name", "ws-room"},
                                           {"kind", "public"}});
    const std::int64_t channel = created["id"];
    EXPECT_EQ(bobSocket.next("channel.created")["channel"]["id"], channel);  // public: the whole organization
    EXPECT_EQ(bobSocket.result({{"type", "channel.join"}, {"channel_id", channel}})["id"], channel);
    EXPECT_EQ(bobSocket.subscribe(channel, 0)["type"], "subscribed");

    const json listed = bobSocket.result({{"type", "channels.list"}, {"org", "alpha"}});
    EXPECT_TRUE(std::any_of(listed["channels"].begin(), listed["channels"].end(),
                            [&](const json& c) { return c["id"] == channel && c["is_member"] == true; }));
    EXPECT_EQ(annSocket.result({{"type", "channel.get"}, {"channel_id", channel}})["name"], "ws-room");
    EXPECT_EQ(annSocket.result({{"type", "channel.update"}, {"channel_id", channel}, {"name", "renamed"}})["name"],
              "renamed");
    EXPECT_EQ(bobSocket.next("channel.updated")["channel"]["name"], "renamed");

    EXPECT_EQ(annSocket.result({{"type", "channel.members.add"}, {"channel_id", channel}, {"user_id", cat.id}})
                  .is_object(), true);
    EXPECT_EQ(bobSocket.next("channel.member_added")["user_id"], cat.id);
    const json members = annSocket.result({{"type", "channel.members"}, {"channel_id", channel}});
    EXPECT_EQ(members["members"].size(), 3u);
    annSocket.result({{"type", "channel.members.remove"}, {"channel_id", channel}, {"user_id", cat.id}});
    EXPECT_EQ(bobSocket.next("channel.member_removed")["user_id"], cat.id);

    const json ack = annSocket.send(channel, "hello @bob", "every-1");
    const std::int64_t messageId = ack["message_id"];
    const json message = bobSocket.nextMessage(channel);
    EXPECT_EQ(message["mentions"], json::array({bob.id}));

    const json history = bobSocket.result({{"type", "messages.history"}, {"channel_id", channel}, {"after", 0}});
    ASSERT_EQ(history["messages"].size(), 1u);
    EXPECT_EQ(history["has_more"], false);

    EXPECT_EQ(annSocket.result({{"type", "message.edit"}, {"message_id", messageId}, {"text", "hello again @bob"}})
                  ["text"], "hello again @bob");
    EXPECT_EQ(bobSocket.next("message.updated")["message"]["text"], "hello again @bob");

    EXPECT_EQ(bobSocket.result({{"type", "reaction.add"}, {"message_id", messageId}, {"emoji", "👍"}})["reactions"][0]
                  ["count"], 1);
    const json reaction = bobSocket.next("reaction.added");
    EXPECT_EQ(reaction["emoji"], "👍");
    EXPECT_EQ(reaction["user_id"], bob.id);
    bobSocket.result({{"type", "reaction.remove"}, {"message_id", messageId}, {"emoji", "👍"}});
    EXPECT_EQ(bobSocket.next("reaction.removed")["emoji"], "👍");

    const json reply = bobSocket.request({{"type", "message.send"}, {"channel_id", channel}, {"text", "a reply"},
                                          {"client_id", "every-2"}, {"parent_id", messageId}});
    EXPECT_EQ(reply["type"], "ack");
    const json thread = annSocket.result({{"type", "thread.get"}, {"message_id", messageId}});
    EXPECT_EQ(thread["parent"]["id"], messageId);
    ASSERT_EQ(thread["replies"].size(), 1u);
    EXPECT_EQ(thread["replies"][0]["text"], "a reply");

    const json read = bobSocket.result({{"type", "read.mark"}, {"channel_id", channel}, {"seq", 2}});
    EXPECT_EQ(read["last_read_seq"], 2);
    EXPECT_EQ(bobOtherTab.next("read.updated")["last_read_seq"], 2);  // the user's other connections

    const json found = annSocket.result({{"type", "search"}, {"org", "alpha"}, {"q", "reply"}});
    ASSERT_EQ(found["messages"].size(), 1u);
    EXPECT_EQ(found["messages"][0]["text"], "a reply");

    annSocket.request({{"type", "typing"}, {"channel_id", channel}});
    EXPECT_EQ(bobSocket.next("typing")["user_id"], ann.id);

    EXPECT_EQ(bobSocket.result({{"type", "presence.set"}, {"status", "away"}})["status"], "away");
    const json presence = annSocket.result({{"type", "presence.get"}, {"org", "alpha"}});
    for (const json& member : presence["members"]) {
        if (member["user_id"] == ann.id) {
            EXPECT_EQ(member["status"], "online");
        } else if (member["user_id"] == cat.id) {
            EXPECT_EQ(member["status"], "offline");
        }
    }

    annSocket.result({{"type", "message.delete"}, {"message_id", messageId}});
    const json deleted = bobSocket.next("message.deleted")["message"];
    EXPECT_EQ(deleted["deleted"], true);
    EXPECT_EQ(deleted["text"], "");

    EXPECT_EQ(bobSocket.request({{"type", "unsubscribe"}, {"channel_id", channel}})["type"], "unsubscribed");
    annSocket.send(channel, "not for bob's socket", "every-3");
    EXPECT_EQ(bobSocket.result({{"type", "channel.leave"}, {"channel_id", channel}})["channel_id"], channel);
    EXPECT_EQ(annSocket.result({{"type", "channel.archive"}, {"channel_id", channel}})["archived"], true);
    // Nothing of the channel reached bob after he unsubscribed.
    EXPECT_FALSE(bobSocket.raw().waitFor(
        [](const json& m) {
            return m.value("type", "") == "message.created" && m["message"]["text"] == "not for bob's socket";
        },
        std::chrono::milliseconds(300)));
}

TEST_P(ChatWebSocketTest, PresenceChangesReachTheOrganization) {
    ChatSocket annSocket = connect(ann);
    std::optional<ChatSocket> catSocket = connect(cat);
    auto changeOf = [&](std::int64_t user, const std::string& status) {
        return annSocket.raw().waitFor([&](const json& m) {
            return m.value("type", "") == "presence.changed" && m["user_id"] == user && m["status"] == status;
        });
    };
    EXPECT_TRUE(changeOf(cat.id, "online"));
    catSocket->result({{"type", "presence.set"}, {"status", "away"}});
    EXPECT_TRUE(changeOf(cat.id, "away"));
    catSocket->raw().close();
    EXPECT_TRUE(changeOf(cat.id, "offline"));
}

TEST_P(ChatWebSocketTest, TheIndependentNodeWsClientChatsUsingOnlyTheDocumentedProtocol) {
    const std::int64_t channel = newChannel("node");
    const CommandResult result = runCommand(
        {OCOMMS_TEST_NODE, std::string(OCOMMS_TEST_SOURCE_DIR) + "/tests/node/protocol_client.mjs"},
        {{"OCOMMS_NODE_MODULES", OCOMMS_TEST_NODE_MODULES},
         {"OCOMMS_WS_URL", "ws://127.0.0.1:" + std::to_string(server_->port()) + "/api/ws"},
         {"OCOMMS_TOKEN_A", ann.token},
         {"OCOMMS_TOKEN_B", bob.token},
         {"OCOMMS_TOKEN_C", dan.token},
         {"OCOMMS_CHANNEL", std::to_string(channel)},
         {"OCOMMS_MAX_TEXT", std::to_string(kMaxMessageBytes)}},
        std::chrono::seconds(120));
    EXPECT_EQ(result.exitCode, 0) << result.output;
    EXPECT_NE(result.output.find("all protocol steps passed"), std::string::npos) << result.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, ChatWebSocketTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
