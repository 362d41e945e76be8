#include "realtime/ChatSocket.hpp"

#include <string>
#include <vector>

#include "ChatErrors.hpp"
#include "Json.hpp"
#include "api/Fields.hpp"

namespace ocomms::chat {
namespace {

/// A subscription's backlog is read and sent in pages of this many messages.
constexpr std::int64_t kCatchUpPage = 200;

/// Requests answered with the same data as their REST endpoints.
const std::vector<std::string> kRequestTypes = {
    "channels.list",   "channel.create",  "channel.get",     "channel.update",         "channel.archive",
    "channel.join",    "channel.leave",   "channel.members", "channel.members.add",    "channel.members.remove",
    "messages.history", "message.edit",   "message.delete",  "thread.get",             "reaction.add",
    "reaction.remove", "read.mark",       "search",          "presence.get",
};

nlohmann::json result(nlohmann::json data) { return {{"type", "result"}, {"data", std::move(data)}}; }

}  // namespace

ChatSocket::ChatSocket(realtime::Hub& hub, realtime::Presence& presence, Identity& identity, ChatService& service,
                       const ChatActions& actions, Broadcaster& broadcaster)
    : hub_(hub), presence_(presence), identity_(identity), service_(service), actions_(actions),
      broadcaster_(broadcaster) {}

void ChatSocket::start() {
    for (const auto& type : kRequestTypes) {
        const Action& action = actions_[type];
        hub_.handle(type, [&action](const realtime::Client& client, const realtime::ClientMessage& message) -> Reply {
            return result(action(client.user.id, Fields(message.body)).data);
        });
    }
    const auto bind = [this](Reply (ChatSocket::*member)(const realtime::Client&, const realtime::ClientMessage&)) {
        return [this, member](const realtime::Client& client, const realtime::ClientMessage& message) {
            return (this->*member)(client, message);
        };
    };
    hub_.handle("subscribe", bind(&ChatSocket::subscribe));
    hub_.handle("unsubscribe", bind(&ChatSocket::unsubscribe));
    hub_.handle("message.send", bind(&ChatSocket::send));
    hub_.handle("typing", bind(&ChatSocket::typing));
    hub_.handle("presence.set", bind(&ChatSocket::setPresence));
    hub_.onConnect([this](const realtime::Client& client) { connected(client); });
    presence_.onChange([this](std::int64_t userId, realtime::PresenceStatus status) { presenceChanged(userId, status); });
}

ChatSocket::Reply ChatSocket::subscribe(const realtime::Client& client, const realtime::ClientMessage& message) {
    const Fields fields(message.body);
    const auto channelId = fields.requiredId("channel_id");
    const auto afterSeq = fields.optionalInteger("after_seq");
    if (afterSeq && *afterSeq < 0) throw errors::invalidField("after_seq", "must be at least 0");
    const auto channel = service_.visibleChannel(client.user.id, channelId);
    // Without after_seq the client wants what comes next: the catch-up still sends what was posted
    // between reading last_seq and the subscription taking effect.
    std::int64_t lastSent = afterSeq.value_or(channel.lastSeq);
    const auto connection = client.connection;
    hub_.subscribe(connection, realtime::channelTopic(channelId), [&]() -> std::int64_t {
        for (;;) {
            const auto page = service_.messagesAfter(channelId, lastSent, kCatchUpPage);
            for (const auto& backlog : page) {
                if (!hub_.send(connection, {{"type", "message.created"}, {"message", messageJson(backlog)}})) {
                    return lastSent;
                }
                lastSent = backlog.seq;
            }
            if (static_cast<std::int64_t>(page.size()) < kCatchUpPage) return lastSent;
        }
    });
    return nlohmann::json{{"type", "subscribed"}, {"channel_id", channelId}, {"last_seq", lastSent}};
}

ChatSocket::Reply ChatSocket::unsubscribe(const realtime::Client& client, const realtime::ClientMessage& message) {
    const auto channelId = Fields(message.body).requiredId("channel_id");
    hub_.unsubscribe(client.connection, realtime::channelTopic(channelId));
    return nlohmann::json{{"type", "unsubscribed"}, {"channel_id", channelId}};
}

ChatSocket::Reply ChatSocket::send(const realtime::Client& client, const realtime::ClientMessage& message) {
    const Fields fields(message.body);
    PostRequest request{fields.requiredString("text"), fields.requiredString("client_id"), fields.optionalId("parent_id")};
    const auto posted = service_.post(client.user.id, fields.requiredId("channel_id"), std::move(request));
    return nlohmann::json{{"type", "ack"},
                          {"client_id", posted.value.clientId.value_or("")},
                          {"message_id", posted.value.id},
                          {"seq", posted.value.seq}};
}

ChatSocket::Reply ChatSocket::typing(const realtime::Client& client, const realtime::ClientMessage& message) {
    service_.typing(client.user.id, Fields(message.body).requiredId("channel_id"));
    if (message.ref.is_null()) return std::nullopt;
    return result(nlohmann::json::object());
}

ChatSocket::Reply ChatSocket::setPresence(const realtime::Client& client, const realtime::ClientMessage& message) {
    const auto status = Fields(message.body).requiredString("status");
    if (status != "online" && status != "away") throw errors::invalidField("status", "must be online or away");
    presence_.setAway(client.connection, status == "away");
    return result({{"status", status}});
}

void ChatSocket::connected(const realtime::Client& client) {
    hub_.subscribe(client.connection, userTopic(client.user.id));
    for (const auto& organization : identity_.organizationsOf(client.user.id)) {
        hub_.subscribe(client.connection, realtime::organizationTopic(organization.id));
    }
}

void ChatSocket::presenceChanged(std::int64_t userId, realtime::PresenceStatus status) {
    const nlohmann::json event = {{"type", "presence.changed"}, {"user_id", userId}, {"status", std::string(realtime::toString(status))}};
    for (const auto& organization : identity_.organizationsOf(userId)) broadcaster_.toOrganization(organization.id, event);
}

}  // namespace ocomms::chat
