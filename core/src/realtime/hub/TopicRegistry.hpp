// Which local connections are subscribed to which topics, and the delivery of a topic's events to them.
// A subscription can be held while its catch-up runs: its live events are kept in a buffer, then the ones
// the catch-up already sent are dropped and the rest delivered, so that the client sees each event once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "realtime/ConnectionLoops.hpp"

namespace ocomms::realtime {

/// Where the registry's deliveries go (the hub: its connection loops). Called with a topic's lock held,
/// so it must not block.
class TopicSink {
public:
    virtual ~TopicSink() = default;
    virtual void deliver(ConnectionId connection, const SharedFrame& frame) = 0;
    /// deliver() to each of `connections`, in one batch.
    virtual void deliverToEach(std::span<const ConnectionId> connections, const SharedFrame& frame) = 0;
    /// The connection's hold buffer passed the limit: the connection must be closed.
    virtual void holdOverflowed(ConnectionId connection) = 0;
};

class TopicRegistry {
public:
    /// The live events of one held subscription, kept while its catch-up runs.
    struct Hold {
        std::vector<std::pair<std::int64_t, SharedFrame>> events;  ///< (sequence, frame) in publish order
        std::size_t bytes = 0;
        bool overflowed = false;
    };
    using HoldHandle = std::shared_ptr<Hold>;

    /// A hold buffer past `maxHeldBytes` gives up the connection (TopicSink::holdOverflowed).
    TopicRegistry(TopicSink& sink, std::size_t maxHeldBytes) : sink_(sink), maxHeldBytes_(maxHeldBytes) {}

    /// Subscribes the connection (of user `userId`); nothing changes when it already is.
    void subscribe(ConnectionId connection, std::int64_t userId, const std::string& topic);
    /// Subscribes the connection, or keeps it subscribed, and holds its live events from now on.
    HoldHandle hold(ConnectionId connection, std::int64_t userId, const std::string& topic);
    /// Ends the hold: delivers the held events whose sequence is above `coveredUpTo` (and those without a
    /// sequence, which no catch-up can have sent), in order, then delivers live again. Nothing happens
    /// when the subscription was removed or held again meanwhile.
    void release(ConnectionId connection, const std::string& topic, const HoldHandle& hold, std::int64_t coveredUpTo);
    /// The catch-up failed: the held subscription is removed (the client did not get the backlog).
    void cancel(ConnectionId connection, const std::string& topic, const HoldHandle& hold);

    void unsubscribe(ConnectionId connection, const std::string& topic);
    /// Unsubscribes every local connection of the user from the topic.
    void unsubscribeUser(std::int64_t userId, const std::string& topic);
    /// Every subscription of the connection (it closed).
    void removeConnection(ConnectionId connection);

    /// Delivers `eventJson` to the topic's subscribers, encoded into one frame shared by all of them.
    void publish(const std::string& topic, std::int64_t sequence, std::string_view eventJson);

private:
    struct Subscriber {
        std::int64_t userId = 0;
        HoldHandle hold;  ///< set while a catch-up runs
    };
    // Deliveries are serialised per topic, not by one global lock: publishes to different topics (from
    // several workers and the fan-out thread) run in parallel, while every subscriber of one topic gets
    // its events in the order the publish calls took this lock. Lock order: mutex_, then a topic's.
    struct Topic {
        std::mutex mutex;
        std::unordered_map<ConnectionId, Subscriber> subscribers;
    };

    /// With mutex_ held exclusively.
    Subscriber& subscriberLocked(ConnectionId connection, std::int64_t userId, const std::string& topic,
                                 std::unique_lock<std::mutex>& topicLock);
    void eraseLocked(ConnectionId connection, const std::string& topic);
    std::shared_ptr<Topic> find(const std::string& topic) const;
    void append(Hold& hold, ConnectionId connection, std::int64_t sequence, const SharedFrame& frame);

    TopicSink& sink_;
    const std::size_t maxHeldBytes_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<Topic>> topics_;
    std::unordered_map<ConnectionId, std::unordered_set<std::string>> topicsOf_;
};

}  // namespace ocomms::realtime
