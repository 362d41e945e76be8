// Chat over the host's WebSocket hub: subscriptions to channels with catch-up by sequence number,
// `message.send` acknowledged after commit, typing and presence, and every other chat action as a
// request answered with {"type":"result","data": <what the REST endpoint answers>}.
//
// When a connection opens it is subscribed to its user's topic ("user:<id>": read markers, private
// channels the user was added to) and to the topic of each of the user's organizations (public
// channels created, presence changes).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include <ocomms/identity.hpp>
#include <ocomms/logger.hpp>
#include <ocomms/realtime.hpp>

#include "ChatService.hpp"
#include "api/ChatActions.hpp"
#include "realtime/Broadcaster.hpp"

namespace ocomms::chat {

class ChatSocket {
public:
    /// Everything given must outlive the hub's registrations.
    ChatSocket(realtime::Hub& hub, realtime::Presence& presence, Identity& identity, ChatService& service,
               const ChatActions& actions, Broadcaster& broadcaster);

    /// Registers the message types, the connection handler and the presence listener with the hub.
    void start();

private:
    using Reply = std::optional<nlohmann::json>;

    Reply subscribe(const realtime::Client& client, const realtime::ClientMessage& message);
    Reply unsubscribe(const realtime::Client& client, const realtime::ClientMessage& message);
    Reply send(const realtime::Client& client, const realtime::ClientMessage& message);
    Reply typing(const realtime::Client& client, const realtime::ClientMessage& message);
    Reply setPresence(const realtime::Client& client, const realtime::ClientMessage& message);
    void connected(const realtime::Client& client);
    void presenceChanged(std::int64_t userId, realtime::PresenceStatus status);

    realtime::Hub& hub_;
    realtime::Presence& presence_;
    Identity& identity_;
    ChatService& service_;
    const ChatActions& actions_;
    Broadcaster& broadcaster_;
};

}  // namespace ocomms::chat
