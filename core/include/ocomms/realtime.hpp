// Real time, as plugins see it: WebSocket clients, the messages they send, topics to publish to, and who
// is online. The host owns the sockets, the framing and the fan-out between nodes; a plugin only handles
// JSON messages by their `type` and publishes JSON events.
//
// Every WebSocket frame is a JSON object with a string `type`. A client request may carry `ref` (any
// JSON value); the host echoes it in the reply and in any `error` the request causes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <ocomms/identity.hpp>

namespace ocomms::realtime {

/// One WebSocket connection, unique within this node's run.
using ConnectionId = std::uint64_t;

/// A connected client: the connection and the signed-in user behind it.
struct Client {
    ConnectionId connection = 0;
    UserInfo user;
};

/// A frame from a client, already checked to be a JSON object with a string `type`.
struct ClientMessage {
    std::string type;
    nlohmann::json body;  ///< the whole object, `type` and `ref` included
    nlohmann::json ref;   ///< the client's `ref`, null when it sent none
};

/// Handles one message type. Return nullopt to answer nothing, or a JSON object to send back (the host
/// adds `ref`). Throw http::HttpError to answer `{"type":"error","ref":...,"code":...,"message":...}`
/// with the error's code and message: the same errors a REST handler throws. Any other exception is
/// logged and answered with code `internal_error`.
using MessageHandler = std::function<std::optional<nlohmann::json>(const Client&, const ClientMessage&)>;

/// Told of a connection that opened or closed.
using ConnectionHandler = std::function<void(const Client&)>;

/// Sends a subscription's backlog (see Hub::subscribe) and returns the highest sequence it sent (or the
/// sequence the client said it had, when there was nothing to send).
using CatchUp = std::function<std::int64_t()>;

/// Topic names used by first-party plugins: "channel:<id>" and "org:<id>".
inline std::string channelTopic(std::int64_t channelId) { return "channel:" + std::to_string(channelId); }
inline std::string organizationTopic(std::int64_t organizationId) { return "org:" + std::to_string(organizationId); }

class Hub {
public:
    virtual ~Hub() = default;

    /// Handles client messages of `type`. The messages of one connection are handled one at a time, in
    /// the order they arrived, on the hub's worker threads (a handler may wait on the database; other
    /// connections go on meanwhile). Throws std::invalid_argument when another handler has the type.
    virtual void handle(const std::string& type, MessageHandler handler) = 0;

    /// Called on a worker thread when a connection opens (before its first message is handled) and when
    /// it has closed (after its last message was handled).
    virtual void onConnect(ConnectionHandler handler) = 0;
    virtual void onDisconnect(ConnectionHandler handler) = 0;

    /// Sends one event to one connection. False when the connection is gone. While more than half of the
    /// connection's send queue is waiting, waits for it to drain (up to the idle timeout), so that a long
    /// backlog paces itself instead of overflowing a slow client's queue.
    virtual bool send(ConnectionId connection, const nlohmann::json& event) = 0;

    /// Subscribes a connection to a topic. With a catch-up: live events of the topic are held back for
    /// this connection while `catchUp` runs (it sends the backlog with send()); then the held events
    /// whose sequence is at most what catchUp returned are dropped (the backlog had them) and the rest
    /// are sent in order. So a client sees every event once. Subscribing again to a topic runs the new
    /// catch-up the same way. Call it from a message handler of that connection.
    virtual void subscribe(ConnectionId connection, const std::string& topic, const CatchUp& catchUp = {}) = 0;
    virtual void unsubscribe(ConnectionId connection, const std::string& topic) = 0;
    /// Unsubscribes every connection of the user from the topic, on every node (e.g. removed from a channel).
    virtual void unsubscribeUser(std::int64_t userId, const std::string& topic) = 0;

    /// Delivers `event` to every connection subscribed to `topic`, on this node and, when Redis is
    /// configured, on every other node. `sequence` (> 0) orders the topic's events for catch-ups; 0 for
    /// events that are not stored (typing, presence). Call it after the change is committed.
    virtual void publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence = 0) = 0;

    /// Closes one connection with a WebSocket close code (4000-4999 are free for plugins).
    virtual void close(ConnectionId connection, std::uint16_t code, const std::string& reason) = 0;
    /// Closes every connection of the user, on every node (e.g. the user lost access).
    virtual void closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) = 0;
};

enum class PresenceStatus { Offline, Online, Away };

inline std::string_view toString(PresenceStatus status) {
    switch (status) {
        case PresenceStatus::Offline: return "offline";
        case PresenceStatus::Online: return "online";
        case PresenceStatus::Away: return "away";
    }
    return "offline";
}

/// Called with a user's new status, whichever node the change happened on.
using PresenceHandler = std::function<void(std::int64_t userId, PresenceStatus status)>;

/// Who is online, across every node. A user is online while any of their connections, on any node, is
/// open and not away; away while all of them are away; offline when none is left. When a node dies its
/// users go offline within the presence TTL.
class Presence {
public:
    virtual ~Presence() = default;
    virtual PresenceStatus status(std::int64_t userId) = 0;
    /// The status of each user asked for, in the same order.
    virtual std::vector<PresenceStatus> statuses(const std::vector<std::int64_t>& userIds) = 0;
    /// The client says its user is away (or back). Counts for that connection only.
    virtual void setAway(ConnectionId connection, bool away) = 0;
    /// Called on a host thread for every change of a user's status; must not block for long. With several
    /// nodes, each change is handed to the handlers of one node only (whichever saw it first), so a
    /// handler that publishes it to a topic (the hub delivers on every node) reaches each client once.
    virtual void onChange(PresenceHandler handler) = 0;
};

}  // namespace ocomms::realtime
