// Chat's WebSocket handlers and events, run against a recording stand-in for the host's hub (no sockets)
// with the real service and database, on each backend: subscriptions with catch-up, acknowledged sends,
// requests answered like REST, typing, presence, and the topic every change is published to.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "ChatService.hpp"
#include "api/ChatActions.hpp"
#include "chat/RecordingHub.hpp"
#include "db/ConnectionPool.hpp"
#include "db/Migrator.hpp"
#include "events/EventBusImpl.hpp"
#include "identity/IdentityService.hpp"
#include "realtime/Broadcaster.hpp"
#include "realtime/ChatSocket.hpp"
#include "support/CapturingLogger.hpp"
#include "support/HttpFailure.hpp"
#include "support/TestDatabases.hpp"

extern "C" const ocomms_migration_table ocomms_chat_migrations;

namespace ocomms::test {
namespace {

using namespace std::chrono_literals;
using chat::ChannelKind;

class ChatSocket : public ::testing::TestWithParam<Dialect> {
protected:
    ChatSocket()
        : database_(TestDatabase::create(GetParam())),
          pool_(db::parseDatabaseUrl(database_.url()), 4, 10s, logger_),
          bus_(logger_),
          events_(bus_, "chat", nullptr),
          broadcaster_(&hub_, logger_) {
        pool_.open(5s);
        db::Migrator(pool_).apply({{"core", &ocomms_core_migrations}, {"chat", &ocomms_chat_migrations}});
        identity_ = std::make_unique<identity::IdentityService>(pool_, identity::IdentitySettings{}, logger_);
        service_ = std::make_unique<chat::ChatService>(pool_, *identity_, events_, broadcaster_, &presence_,
                                                       chat::ChatLimits{});
        actions_ = std::make_unique<chat::ChatActions>(*service_, *identity_);
        socket_ = std::make_unique<chat::ChatSocket>(hub_, presence_, *identity_, *service_, *actions_, broadcaster_);
        socket_->start();

        ann = identity_->registerFirstUser({"ann@example.com", "correct horse battery", "Ann"}, {"acme", "Acme"}).user;
        acme = *identity_->organization("acme");
        bob = member("bob@example.com");
        cat = member("cat@example.com");
        beta = identity_->createOrganization(ann.id, {"beta", "Beta"});
    }

    UserInfo member(const std::string& email) {
        const auto invite = identity_->createInvite(acme.id, ann.id, Role::Member);
        return identity_->registerWithInvite({email, "correct horse battery", email.substr(0, 3)}, invite.token).user;
    }

    static realtime::Client client(const UserInfo& user, realtime::ConnectionId connection) {
        return {connection, user};
    }

    std::optional<nlohmann::json> request(const UserInfo& user, const nlohmann::json& body,
                                          realtime::ConnectionId connection = 1) {
        return hub_.request(client(user, connection), body);
    }

    std::int64_t channel(const UserInfo& by, const std::string& name, ChannelKind kind = ChannelKind::Public,
                         std::vector<std::int64_t> members = {}) {
        return service_->createChannel(by.id, acme.id, {kind, name, std::nullopt, std::move(members)}).value.channel.id;
    }

    std::int64_t post(const UserInfo& by, std::int64_t channelId, const std::string& text) {
        return service_->post(by.id, channelId, {text, std::nullopt, std::nullopt}).value.id;
    }

    /// The types of the events published to `topic`, in order.
    std::vector<std::string> typesPublishedTo(const std::string& topic) const {
        std::vector<std::string> types;
        for (const auto& p : hub_.publishedTo(topic)) types.push_back(p.event["type"]);
        return types;
    }

    TestDatabase database_;
    CapturingLogger logger_;
    db::ConnectionPool pool_;
    events::EventBusImpl bus_;
    events::OwnedEventBus events_;
    RecordingHub hub_;
    TablePresence presence_;
    chat::Broadcaster broadcaster_;
    std::unique_ptr<identity::IdentityService> identity_;
    std::unique_ptr<chat::ChatService> service_;
    std::unique_ptr<chat::ChatActions> actions_;
    std::unique_ptr<chat::ChatSocket> socket_;
    UserInfo ann, bob, cat;
    OrganizationInfo acme, beta;
};

TEST_P(ChatSocket, EveryMessageTypeOfTheProtocolHasAHandler) {
    for (const auto* type :
         {"subscribe", "unsubscribe", "message.send", "typing", "presence.set", "presence.get", "channels.list",
          "channel.create", "channel.get", "channel.update", "channel.archive", "channel.join", "channel.leave",
          "channel.members", "channel.members.add", "channel.members.remove", "messages.history", "message.edit",
          "message.delete", "thread.get", "reaction.add", "reaction.remove", "read.mark", "search"}) {
        EXPECT_TRUE(hub_.handles(type)) << type;
    }
}

TEST_P(ChatSocket, AConnectionFollowsItsUserAndEachOfItsOrganizations) {
    hub_.connect(client(ann, 7));
    hub_.connect(client(bob, 8));
    EXPECT_EQ(hub_.subscriptions,
              (std::set<std::pair<realtime::ConnectionId, std::string>>{
                  {7, "user:" + std::to_string(ann.id)}, {7, realtime::organizationTopic(acme.id)},
                  {7, realtime::organizationTopic(beta.id)}, {8, "user:" + std::to_string(bob.id)},
                  {8, realtime::organizationTopic(acme.id)}}));
}

TEST_P(ChatSocket, SubscribeSendsTheBacklogAfterTheClientsSequenceInPages) {
    const auto general = channel(ann, "general");
    for (int i = 1; i <= 250; ++i) post(ann, general, "m" + std::to_string(i));

    const auto reply = request(bob, {{"type", "subscribe"}, {"channel_id", general}, {"after_seq", 5}}, 3);
    EXPECT_EQ(reply, (nlohmann::json{{"type", "subscribed"}, {"channel_id", general}, {"last_seq", 250}}));
    EXPECT_TRUE(hub_.subscriptions.contains({3, realtime::channelTopic(general)}));
    const auto& backlog = hub_.sent[3];
    ASSERT_EQ(backlog.size(), 245u);
    for (std::size_t i = 0; i < backlog.size(); ++i) {
        EXPECT_EQ(backlog[i]["type"], "message.created");
        EXPECT_EQ(backlog[i]["message"]["seq"], static_cast<std::int64_t>(i) + 6);
    }
    EXPECT_EQ(backlog[0]["message"]["text"], "m6");

    // Without after_seq: only what comes next.
    const auto fresh = request(bob, {{"type", "subscribe"}, {"channel_id", general}}, 4);
    EXPECT_EQ((*fresh)["last_seq"], 250);
    EXPECT_FALSE(hub_.sent.contains(4));

    EXPECT_EQ(request(bob, {{"type", "unsubscribe"}, {"channel_id", general}}, 3),
              (nlohmann::json{{"type", "unsubscribed"}, {"channel_id", general}}));
    EXPECT_FALSE(hub_.subscriptions.contains({3, realtime::channelTopic(general)}));
}

TEST_P(ChatSocket, SubscribingToAChannelOneMayNotSeeIsNotFound) {
    const auto secret = channel(ann, "secret", ChannelKind::Private);
    EXPECT_EQ(httpFailureOf([&] { request(bob, {{"type", "subscribe"}, {"channel_id", secret}}); }),
              "404 channel_not_found: no channel " + std::to_string(secret));
    EXPECT_EQ(httpFailureOf([&] { request(bob, {{"type", "subscribe"}, {"channel_id", secret}, {"after_seq", -1}}); }),
              "400 invalid_field: after_seq: must be at least 0");
    EXPECT_TRUE(hub_.subscriptions.empty());
}

TEST_P(ChatSocket, SendIsAcknowledgedAfterCommitAndPublishedOnceWithItsSequence) {
    const auto general = channel(ann, "general");
    const nlohmann::json send = {{"type", "message.send"}, {"channel_id", general}, {"text", "hi"}, {"client_id", "c1"}};
    const auto ack = request(ann, send);
    ASSERT_TRUE(ack);
    EXPECT_EQ((*ack)["type"], "ack");
    EXPECT_EQ((*ack)["client_id"], "c1");
    EXPECT_EQ((*ack)["seq"], 1);
    const auto history = service_->history(ann.id, general, {});
    ASSERT_EQ(history.messages.size(), 1u);
    EXPECT_EQ((*ack)["message_id"], history.messages[0].id);

    const auto created = hub_.publishedTo(realtime::channelTopic(general));
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(created[0].event["type"], "message.created");
    EXPECT_EQ(created[0].event["message"]["text"], "hi");
    EXPECT_EQ(created[0].sequence, 1);

    EXPECT_EQ(request(ann, send), ack);  // a retry: the same answer, nothing published
    EXPECT_EQ(hub_.publishedTo(realtime::channelTopic(general)).size(), 1u);

    EXPECT_EQ(httpFailureOf([&] { request(ann, {{"type", "message.send"}, {"channel_id", general}, {"text", "x"}}); }),
              "400 missing_field: client_id: is required");
    EXPECT_EQ(httpFailureOf([&] {
                  request(bob, {{"type", "message.send"}, {"channel_id", general}, {"text", "x"}, {"client_id", "b"}});
              }),
              "403 not_a_member: join channel " + std::to_string(general) + " first");
}

TEST_P(ChatSocket, RequestsAreAnsweredWithWhatTheRestEndpointAnswers) {
    const auto created = request(bob, {{"type", "channel.create"}, {"org", "acme"}, {"name", "plans"}, {"kind", "public"}});
    ASSERT_TRUE(created);
    EXPECT_EQ((*created)["type"], "result");
    const auto& data = (*created)["data"];
    EXPECT_EQ(data["name"], "plans");
    EXPECT_EQ(data["role"], "admin");
    EXPECT_EQ(data["is_member"], true);

    request(bob, {{"type", "message.send"}, {"channel_id", data["id"]}, {"text", "first"}, {"client_id", "1"}});
    const auto history = request(cat, {{"type", "messages.history"}, {"channel_id", data["id"]}, {"limit", 10}});
    EXPECT_EQ((*history)["data"]["has_more"], false);
    EXPECT_EQ((*history)["data"]["messages"][0]["text"], "first");
    const auto listed = request(cat, {{"type", "channels.list"}, {"org", "acme"}});
    EXPECT_EQ((*listed)["data"]["channels"][0]["unread"], 0);  // not a member

    EXPECT_EQ(httpFailureOf([&] { request(cat, {{"type", "channels.list"}, {"org", "beta"}}); }),
              "404 organization_not_found: no organization 'beta'");
    EXPECT_EQ(httpFailureOf([&] { request(cat, {{"type", "channel.get"}, {"channel_id", "7"}}); }),
              "400 invalid_field: channel_id: must be a positive integer");
    EXPECT_EQ(httpFailureOf([&] { request(cat, {{"type", "messages.history"}, {"channel_id", data["id"]}, {"limit", 0}}); }),
              "400 invalid_field: limit: must be 1 to 200");
}

TEST_P(ChatSocket, EveryChangeIsPublishedToTheTopicOfThoseConcerned) {
    const auto annTopic = "user:" + std::to_string(ann.id), bobTopic = "user:" + std::to_string(bob.id),
               catTopic = "user:" + std::to_string(cat.id);
    const auto general = channel(ann, "general");
    EXPECT_EQ(typesPublishedTo(realtime::organizationTopic(acme.id)), std::vector<std::string>{"channel.created"});

    const auto secret = channel(ann, "secret", ChannelKind::Private, {bob.id});
    const auto secretTopic = realtime::channelTopic(secret);
    for (const auto& topic : {annTopic, bobTopic}) {
        EXPECT_EQ(typesPublishedTo(topic), std::vector<std::string>{"channel.created"}) << topic;
    }
    EXPECT_EQ(hub_.publishedTo(bobTopic)[0].event["channel"]["name"], "secret");

    service_->addMember(ann.id, secret, cat.id);
    EXPECT_EQ(hub_.publishedTo(catTopic).at(0).event,
              (nlohmann::json{{"type", "channel.member_added"}, {"channel_id", secret}, {"user_id", cat.id},
                              {"channel", hub_.publishedTo(catTopic)[0].event["channel"]}}));
    EXPECT_EQ(hub_.publishedTo(catTopic)[0].event["channel"]["id"], secret);

    const auto parent = post(ann, secret, "parent");
    service_->post(bob.id, secret, {"reply", std::nullopt, parent});
    service_->addReaction(bob.id, parent, ":+1:");
    service_->removeReaction(bob.id, parent, ":+1:");
    service_->edit(ann.id, parent, "edited parent");
    service_->remove(ann.id, parent);
    service_->updateChannel(ann.id, secret, {"renamed", std::nullopt});
    service_->removeMember(ann.id, secret, cat.id);
    EXPECT_EQ(typesPublishedTo(secretTopic),
              (std::vector<std::string>{"channel.member_added", "message.created", "message.created",
                                        "message.updated", "reaction.added", "reaction.removed", "message.updated",
                                        "message.deleted", "channel.updated", "channel.member_removed"}));
    const auto published = hub_.publishedTo(secretTopic);
    EXPECT_EQ(published[3].event["message"]["reply_count"], 1);  // the parent of the reply
    EXPECT_EQ(published[4].event, (nlohmann::json{{"type", "reaction.added"}, {"channel_id", secret},
                                                  {"message_id", parent}, {"emoji", ":+1:"}, {"user_id", bob.id}}));
    EXPECT_EQ(published[8].event["channel"]["name"], "renamed");
    for (std::size_t i = 0; i < published.size(); ++i) {
        EXPECT_EQ(published[i].sequence, published[i].event["type"] == "message.created"
                                             ? published[i].event["message"]["seq"].get<std::int64_t>()
                                             : 0)
            << i;
    }
    EXPECT_EQ(hub_.droppedUsers, (std::vector<std::pair<std::int64_t, std::string>>{{cat.id, secretTopic}}));

    service_->markRead(bob.id, secret, 1);
    EXPECT_EQ(hub_.publishedTo(bobTopic).back().event,
              (nlohmann::json{{"type", "read.updated"}, {"channel_id", secret}, {"last_read_seq", 1}}));
    const auto told = hub_.publishedTo(bobTopic).size();
    service_->markRead(bob.id, secret, 0);  // markers never move back: nothing to tell
    EXPECT_EQ(hub_.publishedTo(bobTopic).size(), told);

    service_->join(bob.id, general);
    service_->leave(bob.id, general);
    EXPECT_EQ(typesPublishedTo(realtime::channelTopic(general)),
              (std::vector<std::string>{"channel.member_added", "channel.member_removed"}));
    EXPECT_EQ(hub_.droppedUsers.back(), std::make_pair(bob.id, realtime::channelTopic(general)));
}

TEST_P(ChatSocket, TypingIsPublishedForMembersAndAnsweredOnlyWhenAsked) {
    const auto general = channel(ann, "general");
    EXPECT_EQ(request(ann, {{"type", "typing"}, {"channel_id", general}}), std::nullopt);
    EXPECT_EQ(request(ann, {{"type", "typing"}, {"channel_id", general}, {"ref", 5}}),
              (nlohmann::json{{"type", "result"}, {"data", nlohmann::json::object()}}));
    const auto published = hub_.publishedTo(realtime::channelTopic(general));
    ASSERT_EQ(published.size(), 2u);
    EXPECT_EQ(published[0].event, (nlohmann::json{{"type", "typing"}, {"channel_id", general}, {"user_id", ann.id}}));
    EXPECT_EQ(published[0].sequence, 0);
    EXPECT_EQ(httpFailureOf([&] { request(bob, {{"type", "typing"}, {"channel_id", general}}); }),
              "403 not_a_member: join channel " + std::to_string(general) + " first");
    EXPECT_TRUE(service_->history(ann.id, general, {}).messages.empty());
}

TEST_P(ChatSocket, PresenceIsSetPerConnectionAndChangesReachEachOrganizationOfTheUser) {
    EXPECT_EQ(request(bob, {{"type", "presence.set"}, {"status", "away"}}, 4),
              (nlohmann::json{{"type", "result"}, {"data", {{"status", "away"}}}}));
    request(bob, {{"type", "presence.set"}, {"status", "online"}}, 4);
    EXPECT_EQ(presence_.awayCalls, (std::vector<std::pair<realtime::ConnectionId, bool>>{{4, true}, {4, false}}));
    EXPECT_EQ(httpFailureOf([&] { request(bob, {{"type", "presence.set"}, {"status", "busy"}}); }),
              "400 invalid_field: status: must be online or away");

    presence_.change(ann.id, realtime::PresenceStatus::Away);
    const nlohmann::json changed = {{"type", "presence.changed"}, {"user_id", ann.id}, {"status", "away"}};
    for (const auto& organization : {acme, beta}) {
        const auto published = hub_.publishedTo(realtime::organizationTopic(organization.id));
        ASSERT_EQ(published.size(), 1u) << organization.slug;
        EXPECT_EQ(published[0].event, changed);
    }

    presence_.statusOf[bob.id] = realtime::PresenceStatus::Online;
    const auto listed = request(cat, {{"type", "presence.get"}, {"org", "acme"}});
    nlohmann::json expected = nlohmann::json::array();
    for (const auto& m : identity_->members(acme.id)) {
        expected.push_back({{"user_id", m.user.id},
                            {"status", m.user.id == ann.id ? "away" : m.user.id == bob.id ? "online" : "offline"}});
    }
    EXPECT_EQ((*listed)["data"]["members"], expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, ChatSocket, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
