// Client messages through a real hub: handlers by type, replies and errors with `ref`, order per
// connection, the bound on waiting messages, and registrations by owner.
#include "RealtimeHubFixture.hpp"
#include "realtime/hub/OwnedHub.hpp"

#include <ocomms/http.hpp>

#include <atomic>
#include <map>
#include <set>
#include <stdexcept>

namespace ocomms::realtime::test {
namespace {

class RealtimeHubMessagesTest : public RealtimeHubFixture {
protected:
    void startWithEcho() {
        startHub();
        hub->handle("echo", [](const Client& client, const ClientMessage& message) {
            return json{{"type", "echoed"}, {"text", message.body.value("text", "")}, {"user", client.user.id}};
        });
    }
};

TEST_F(RealtimeHubMessagesTest, HandlerReplyCarriesTheClientsRef) {
    startWithEcho();
    auto peer = connect(42);
    peer.send({{"type", "echo"}, {"ref", "r-1"}, {"text", "hi"}});
    EXPECT_EQ(peer.read(), (json{{"type", "echoed"}, {"text", "hi"}, {"user", 42}, {"ref", "r-1"}}));
}

TEST_F(RealtimeHubMessagesTest, ReplyToAMessageWithoutRefHasNoRefField) {
    startWithEcho();
    auto peer = connect();
    peer.send({{"type", "echo"}, {"text", "hi"}});
    const json reply = peer.read();
    EXPECT_EQ(reply.value("type", ""), "echoed");
    EXPECT_FALSE(reply.contains("ref"));
}

TEST_F(RealtimeHubMessagesTest, HandlerAnsweringNothingSendsNothing) {
    startHub();
    std::atomic<int> handled{0};
    hub->handle("quiet", [&](const Client&, const ClientMessage&) -> std::optional<json> {
        ++handled;
        return std::nullopt;
    });
    auto peer = connect();
    peer.send({{"type", "quiet"}, {"ref", 1}});
    EXPECT_TRUE(peer.sync().empty());
    EXPECT_EQ(handled.load(), 1);
}

TEST_F(RealtimeHubMessagesTest, InvalidJsonIsAnsweredAndTheConnectionGoesOn) {
    startWithEcho();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Text, "{\"type\": nope");
    const json error = peer.read();
    EXPECT_EQ(error.value("type", ""), "error");
    EXPECT_EQ(error.value("code", ""), "invalid_json");
    EXPECT_TRUE(error.contains("ref"));
    EXPECT_TRUE(error["ref"].is_null());
    EXPECT_NE(error.value("message", "").find("byte"), std::string::npos) << error;

    peer.send({{"type", "echo"}, {"text", "still here"}});
    EXPECT_EQ(peer.read().value("text", ""), "still here");
}

TEST_F(RealtimeHubMessagesTest, MessagesThatAreNotObjectsWithAStringTypeAreInvalid) {
    startWithEcho();
    auto peer = connect();
    peer.client.sendFrame(Opcode::Text, "[1, 2]");
    EXPECT_EQ(peer.read(), (json{{"type", "error"}, {"ref", nullptr}, {"code", "invalid_message"},
                                 {"message", "a message must be a JSON object"}}));

    peer.send({{"ref", 3}, {"text", "no type"}});
    json error = peer.read();
    EXPECT_EQ(error.value("code", ""), "invalid_message");
    EXPECT_EQ(error["ref"], 3);

    peer.send({{"type", 5}, {"ref", "five"}});
    error = peer.read();
    EXPECT_EQ(error.value("code", ""), "invalid_message");
    EXPECT_EQ(error["ref"], "five");

    peer.send({{"type", "echo"}, {"text", "still here"}});
    EXPECT_EQ(peer.read().value("text", ""), "still here");
}

TEST_F(RealtimeHubMessagesTest, UnknownTypeIsAnsweredNamingTheType) {
    startHub();
    auto peer = connect();
    peer.send({{"type", "channel.frobnicate"}, {"ref", 9}});
    const json error = peer.read();
    EXPECT_EQ(error.value("code", ""), "unknown_type");
    EXPECT_EQ(error["ref"], 9);
    EXPECT_NE(error.value("message", "").find("channel.frobnicate"), std::string::npos) << error;
}

TEST_F(RealtimeHubMessagesTest, HttpErrorFromAHandlerBecomesAnErrorEventWithItsCodeAndRef) {
    startHub();
    hub->handle("channel.join", [](const Client&, const ClientMessage&) -> std::optional<json> {
        throw http::HttpError(404, "channel_not_found", "no channel 17");
    });
    auto peer = connect();
    peer.send({{"type", "channel.join"}, {"ref", {{"n", 1}}}});
    EXPECT_EQ(peer.read(), (json{{"type", "error"}, {"ref", {{"n", 1}}}, {"code", "channel_not_found"},
                                 {"message", "no channel 17"}}));
}

TEST_F(RealtimeHubMessagesTest, OtherExceptionIsLoggedWithTheTypeAndAnsweredInternalError) {
    startHub();
    hub->handle("explode", [](const Client&, const ClientMessage&) -> std::optional<json> {
        throw std::runtime_error("database on fire");
    });
    auto peer = connect();
    peer.send({{"type", "explode"}, {"ref", 5}});
    const json error = peer.read();
    EXPECT_EQ(error.value("code", ""), "internal_error");
    EXPECT_EQ(error["ref"], 5);
    EXPECT_EQ(error.value("message", "").find("database on fire"), std::string::npos) << "internals leaked";
    const auto line = logger.waitForLine("database on fire");
    ASSERT_TRUE(line.has_value());
    EXPECT_NE(line->message.find("'explode'"), std::string::npos) << line->message;
    EXPECT_EQ(line->level, LogLevel::Error);
}

TEST_F(RealtimeHubMessagesTest, EachConnectionsMessagesAreHandledOneAtATimeInArrivalOrder) {
    options.workerThreads = 4;
    options.maxPendingMessages = 1000;  // room for the whole burst
    startHub();
    struct Seen {
        std::vector<int> order;
        int running = 0;
        bool overlapped = false;
    };
    std::mutex mutex;
    std::map<ConnectionId, Seen> seen;
    hub->handle("count", [&](const Client& client, const ClientMessage& message) -> std::optional<json> {
        {
            std::lock_guard lock(mutex);
            auto& mine = seen[client.connection];
            mine.overlapped = mine.overlapped || mine.running > 0;
            ++mine.running;
            mine.order.push_back(message.body["n"].get<int>());
        }
        std::this_thread::yield();
        std::lock_guard lock(mutex);
        --seen[client.connection].running;
        return std::nullopt;
    });

    constexpr int kPeers = 6;
    constexpr int kMessages = 200;
    std::vector<HubPeer> peers;
    for (int i = 0; i < kPeers; ++i) peers.push_back(connect(i + 1));
    for (int n = 0; n < kMessages; ++n) {
        for (auto& peer : peers) peer.send({{"type", "count"}, {"n", n}});
    }
    for (auto& peer : peers) peer.sync();

    std::lock_guard lock(mutex);
    for (const auto& peer : peers) {
        const Seen& mine = seen[peer.id];
        ASSERT_EQ(mine.order.size(), static_cast<std::size_t>(kMessages));
        for (int n = 0; n < kMessages; ++n) ASSERT_EQ(mine.order[static_cast<std::size_t>(n)], n);
        EXPECT_FALSE(mine.overlapped) << "two messages of connection " << peer.id << " ran at once";
    }
}

TEST_F(RealtimeHubMessagesTest, ASlowHandlerHoldsUpOnlyItsOwnConnection) {
    options.workerThreads = 2;
    startHub();
    Gate gate;
    hub->handle("wait", [&](const Client&, const ClientMessage&) -> std::optional<json> {
        gate.pass();
        return json{{"type", "waited"}};
    });
    hub->handle("open", [&](const Client&, const ClientMessage&) -> std::optional<json> {
        gate.open();
        return json{{"type", "opened"}};
    });
    auto slow = connect(1);
    auto other = connect(2);
    slow.send({{"type", "wait"}});
    ASSERT_TRUE(gate.waitForArrivals(1));
    other.send({{"type", "open"}});
    EXPECT_EQ(other.read().value("type", ""), "opened");
    EXPECT_EQ(slow.read().value("type", ""), "waited");
}

TEST_F(RealtimeHubMessagesTest, MessageBeyondTheWaitingLimitIsAnsweredTooManyRequestsAndDropped) {
    options.maxPendingMessages = 2;
    startHub();
    Gate gate;
    std::mutex mutex;
    std::vector<int> handled;
    hub->handle("work", [&](const Client&, const ClientMessage& message) -> std::optional<json> {
        const int n = message.body["n"].get<int>();
        if (n == 0) gate.pass();
        std::lock_guard lock(mutex);
        handled.push_back(n);
        return json{{"type", "done"}};
    });
    auto peer = connect();
    peer.send({{"type", "work"}, {"n", 0}, {"ref", "r0"}});
    ASSERT_TRUE(gate.waitForArrivals(1));  // running, so no longer waiting
    peer.send({{"type", "work"}, {"n", 1}, {"ref", "r1"}});
    peer.send({{"type", "work"}, {"n", 2}, {"ref", "r2"}});
    peer.send({{"type", "work"}, {"n", 3}, {"ref", "r3"}});

    const json refused = peer.read();
    EXPECT_EQ(refused.value("code", ""), "too_many_requests");
    EXPECT_EQ(refused["ref"], "r3");
    gate.open();
    EXPECT_EQ(peer.read()["ref"], "r0");
    EXPECT_EQ(peer.read()["ref"], "r1");
    EXPECT_EQ(peer.read()["ref"], "r2");
    EXPECT_TRUE(peer.sync().empty());
    std::lock_guard lock(mutex);
    EXPECT_EQ(handled, (std::vector<int>{0, 1, 2}));
}

TEST_F(RealtimeHubMessagesTest, ConnectHandlersRunBeforeTheFirstMessageAndDisconnectHandlersAfterClose) {
    options.workerThreads = 4;
    startHub();
    Gate connectGate;
    std::mutex mutex;
    std::vector<std::string> story;
    const auto tell = [&](std::string line) {
        std::lock_guard lock(mutex);
        story.push_back(std::move(line));
    };
    hub->onConnect([&](const Client& client) {
        connectGate.pass();  // held until the first message was sent, so that it could overtake
        tell("connect " + std::to_string(client.user.id));
    });
    hub->onDisconnect([&](const Client& client) { tell("disconnect " + std::to_string(client.user.id)); });
    hub->handle("note", [&](const Client& client, const ClientMessage&) -> std::optional<json> {
        tell("message " + std::to_string(client.user.id));
        return std::nullopt;
    });

    auto peer = connectBeforeHello(7);
    peer.send({{"type", "note"}});
    ASSERT_TRUE(connectGate.waitForArrivals(1));
    connectGate.open();
    EXPECT_EQ(peer.read().value("type", ""), "hello");
    peer.sync();
    peer.client.sendClose(1000);
    EXPECT_EQ(peer.readClose(), 1000);
    ASSERT_TRUE(presence.waitFor("disconnected " + std::to_string(peer.id)));
    ASSERT_TRUE(eventually([&] {
        std::lock_guard lock(mutex);
        return story.size() == 3;
    }));
    std::lock_guard lock(mutex);
    EXPECT_EQ(story, (std::vector<std::string>{"connect 7", "message 7", "disconnect 7"}));
    EXPECT_EQ(presence.events(), (std::vector<std::string>{"connected " + std::to_string(peer.id) + " user 7",
                                                           "disconnected " + std::to_string(peer.id)}));
}

TEST_F(RealtimeHubMessagesTest, RemoveOwnerRemovesWhatThePluginRegisteredAndLetsGoOfItsLibrary) {
    startHub();
    auto library = std::make_shared<int>(0);
    std::atomic<int> connects{0};
    {
        OwnedHub plugin(*hub, "chat", library);  // what the plugin "chat" sees as its Hub
        plugin.handle("chat.hello", [](const Client&, const ClientMessage&) { return json{{"type", "hello"}}; });
        plugin.onConnect([&](const Client&) { ++connects; });
        plugin.onDisconnect([](const Client&) {});
    }
    auto before = connect();
    before.send({{"type", "chat.hello"}});
    EXPECT_EQ(before.read().value("type", ""), "hello");
    EXPECT_EQ(connects.load(), 1);

    hub->removeOwner("chat");
    EXPECT_EQ(library.use_count(), 1);
    before.send({{"type", "chat.hello"}, {"ref", 1}});
    EXPECT_EQ(before.read().value("code", ""), "unknown_type");
    auto after = connect();
    after.sync();
    EXPECT_EQ(connects.load(), 1);
    // The type is free again.
    hub->addMessageHandler("other", nullptr, "chat.hello",
                           [](const Client&, const ClientMessage&) { return json{{"type", "hello again"}}; });
    after.send({{"type", "chat.hello"}});
    EXPECT_EQ(after.read().value("type", ""), "hello again");
}

TEST_F(RealtimeHubMessagesTest, ASecondHandlerForATypeIsRefusedNamingTheTypeAndItsOwner) {
    startHub();
    hub->addMessageHandler("chat", nullptr, "message.send",
                           [](const Client&, const ClientMessage&) { return std::optional<json>(); });
    try {
        hub->handle("message.send", [](const Client&, const ClientMessage&) { return std::optional<json>(); });
        FAIL() << "the second handler was accepted";
    } catch (const std::invalid_argument& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("message.send"), std::string::npos) << what;
        EXPECT_NE(what.find("'chat'"), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace ocomms::realtime::test
