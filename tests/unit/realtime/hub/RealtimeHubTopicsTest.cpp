// Topics through a real hub: subscribe, publish, catch-up with held events, unsubscribe (one connection
// or every connection of a user), and the bound on what a catch-up may hold.
#include "RealtimeHubFixture.hpp"

#include <future>

namespace ocomms::realtime::test {
namespace {

using websocket::CloseCode;

json event(std::int64_t sequence) {
    return {{"type", "ev"}, {"seq", sequence}};
}

std::vector<std::int64_t> sequencesOf(const std::vector<json>& events) {
    std::vector<std::int64_t> sequences;
    for (const auto& received : events) sequences.push_back(received.value("seq", std::int64_t{-1}));
    return sequences;
}

class RealtimeHubTopicsTest : public RealtimeHubFixture {
protected:
    /// `subscribe` and `unsubscribe` handlers for the message's `topic`.
    void startWithTopicHandlers() {
        startHub();
        hub->handle("subscribe", [this](const Client& client, const ClientMessage& message) {
            hub->subscribe(client.connection, message.body["topic"].get<std::string>(), {});
            return json{{"type", "subscribed"}};
        });
        hub->handle("unsubscribe", [this](const Client& client, const ClientMessage& message) {
            hub->unsubscribe(client.connection, message.body["topic"].get<std::string>());
            return json{{"type", "unsubscribed"}};
        });
    }

    void subscribe(HubPeer& peer, const std::string& topic) {
        peer.send({{"type", "subscribe"}, {"topic", topic}});
        ASSERT_EQ(peer.read().value("type", ""), "subscribed");
    }
};

TEST_F(RealtimeHubTopicsTest, PublishReachesSubscribersOnly) {
    startWithTopicHandlers();
    auto first = connect(1);
    auto second = connect(2);
    auto outsider = connect(3);
    auto elsewhere = connect(4);
    subscribe(first, "channel:1");
    subscribe(second, "channel:1");
    subscribe(elsewhere, "channel:2");

    hub->publish("channel:1", event(1), 1);
    hub->publish("channel:1", event(2), 2);
    EXPECT_EQ(first.read(), event(1));
    EXPECT_EQ(first.read(), event(2));
    EXPECT_EQ(second.read(), event(1));
    EXPECT_EQ(second.read(), event(2));
    EXPECT_TRUE(outsider.sync().empty());
    EXPECT_TRUE(elsewhere.sync().empty());
}

TEST_F(RealtimeHubTopicsTest, CatchUpHoldsLiveEventsThenDropsWhatTheBacklogCoveredAndSendsTheRestOnceInOrder) {
    startHub();
    std::promise<void> catchingUp;
    std::promise<void> published;
    auto publishedFuture = published.get_future().share();
    hub->handle("join", [&](const Client& client, const ClientMessage&) {
        hub->subscribe(client.connection, "channel:1", [&, connection = client.connection] {
            catchingUp.set_value();
            publishedFuture.wait_for(kAntiHang);
            // The backlog as a plugin would read it from the database: everything up to 3.
            for (std::int64_t sequence = 1; sequence <= 3; ++sequence) hub->send(connection, event(sequence));
            return std::int64_t{3};
        });
        return json{{"type", "joined"}};
    });
    auto peer = connect();
    peer.send({{"type", "join"}});
    ASSERT_EQ(catchingUp.get_future().wait_for(kAntiHang), std::future_status::ready);
    // Published while the catch-up runs: 2 and 3 are in the backlog, 4 and 5 are not, and the typing
    // notice (no sequence) was never stored.
    hub->publish("channel:1", event(2), 2);
    hub->publish("channel:1", event(3), 3);
    hub->publish("channel:1", event(4), 4);
    hub->publish("channel:1", {{"type", "typing"}}, 0);
    hub->publish("channel:1", event(5), 5);
    published.set_value();

    std::vector<json> received;
    for (int i = 0; i < 7; ++i) received.push_back(peer.read());
    EXPECT_EQ(sequencesOf(received), (std::vector<std::int64_t>{1, 2, 3, 4, -1, 5, -1}));
    EXPECT_EQ(received[4].value("type", ""), "typing");
    EXPECT_EQ(received[6].value("type", ""), "joined");

    hub->publish("channel:1", event(6), 6);
    EXPECT_EQ(peer.read(), event(6));
    EXPECT_TRUE(peer.sync().empty());
}

TEST_F(RealtimeHubTopicsTest, FailedCatchUpLeavesTheConnectionUnsubscribed) {
    startHub();
    hub->handle("join", [this](const Client& client, const ClientMessage&) {
        hub->subscribe(client.connection, "channel:1", []() -> std::int64_t { throw std::runtime_error("no db"); });
        return json{{"type", "joined"}};
    });
    auto peer = connect();
    peer.send({{"type", "join"}, {"ref", 1}});
    EXPECT_EQ(peer.read().value("code", ""), "internal_error");
    hub->publish("channel:1", event(1), 1);
    EXPECT_TRUE(peer.sync().empty());
}

TEST_F(RealtimeHubTopicsTest, UnsubscribedConnectionNoLongerReceives) {
    startWithTopicHandlers();
    auto peer = connect();
    subscribe(peer, "channel:1");
    subscribe(peer, "channel:2");
    peer.send({{"type", "unsubscribe"}, {"topic", "channel:1"}});
    ASSERT_EQ(peer.read().value("type", ""), "unsubscribed");
    hub->publish("channel:1", event(1), 1);
    hub->publish("channel:2", event(2), 2);
    EXPECT_EQ(sequencesOf(peer.sync()), (std::vector<std::int64_t>{2}));
}

TEST_F(RealtimeHubTopicsTest, UnsubscribeUserRemovesEveryConnectionOfThatUserOnly) {
    startWithTopicHandlers();
    auto phone = connect(5);
    auto laptop = connect(5);
    auto colleague = connect(6);
    for (auto* peer : {&phone, &laptop, &colleague}) subscribe(*peer, "channel:1");
    subscribe(phone, "channel:2");

    hub->unsubscribeUser(5, "channel:1");
    hub->publish("channel:1", event(1), 1);
    hub->publish("channel:2", event(2), 2);
    EXPECT_EQ(sequencesOf(phone.sync()), (std::vector<std::int64_t>{2}));
    EXPECT_TRUE(laptop.sync().empty());
    EXPECT_EQ(sequencesOf(colleague.sync()), (std::vector<std::int64_t>{1}));
}

TEST_F(RealtimeHubTopicsTest, ClosedConnectionLosesItsSubscriptions) {
    startWithTopicHandlers();
    auto leaving = connect(1);
    auto staying = connect(2);
    subscribe(leaving, "channel:1");
    subscribe(staying, "channel:1");
    const ConnectionId leavingId = leaving.id;
    leaving.client.sendClose(CloseCode::Normal);
    EXPECT_EQ(leaving.readClose(), CloseCode::Normal);
    ASSERT_TRUE(presence.waitFor("disconnected " + std::to_string(leavingId)));
    hub->publish("channel:1", event(1), 1);
    EXPECT_EQ(staying.read(), event(1));
    EXPECT_FALSE(hub->send(leavingId, event(2)));
}

TEST_F(RealtimeHubTopicsTest, CatchUpThatHoldsMoreThanTheQueueLimitClosesTheConnectionWith1013) {
    options.limits.maxQueuedBytes = 64 * 1024;
    startHub();
    std::promise<void> catchingUp;
    std::promise<void> published;
    auto publishedFuture = published.get_future().share();
    hub->handle("join", [&](const Client& client, const ClientMessage&) {
        hub->subscribe(client.connection, "channel:1", [&] {
            catchingUp.set_value();
            publishedFuture.wait_for(kAntiHang);
            return std::int64_t{0};
        });
        return json{{"type", "joined"}};
    });
    auto peer = connect();
    peer.send({{"type", "join"}});
    ASSERT_EQ(catchingUp.get_future().wait_for(kAntiHang), std::future_status::ready);
    const std::string padding(8 * 1024, 'p');
    for (std::int64_t sequence = 1; sequence <= 10; ++sequence) {
        hub->publish("channel:1", {{"type", "ev"}, {"seq", sequence}, {"padding", padding}}, sequence);
    }
    published.set_value();
    EXPECT_EQ(peer.readClose(), CloseCode::TryAgainLater);
    EXPECT_TRUE(presence.waitFor("disconnected " + std::to_string(peer.id)));
}

TEST_F(RealtimeHubTopicsTest, SendToAConnectionThatIsGoneReturnsFalse) {
    startHub();
    auto peer = connect();
    EXPECT_TRUE(hub->send(peer.id, {{"type", "hello"}}));
    EXPECT_EQ(peer.read().value("type", ""), "hello");
    peer.client.closeSocket();
    ASSERT_TRUE(presence.waitFor("disconnected " + std::to_string(peer.id)));
    EXPECT_FALSE(hub->send(peer.id, {{"type", "hello"}}));
    EXPECT_FALSE(hub->send(peer.id + 1000, {{"type", "hello"}}));
}

}  // namespace
}  // namespace ocomms::realtime::test
