// Presence shared by several nodes (`ocomms serve` processes) through Redis. The design is described at
// the top of RedisPresence.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <ocomms/logger.hpp>

#include "realtime/presence/NodeConnections.hpp"
#include "realtime/presence/PresenceNotifier.hpp"
#include "realtime/presence/PresenceTracker.hpp"
#include "realtime/presence/RedisPresenceStore.hpp"
#include "redis/RedisClient.hpp"

namespace ocomms::redis {
class RedisSubscriber;
}

namespace ocomms::realtime {

class RedisPresence final : public PresenceTracker {
public:
    static constexpr std::chrono::milliseconds kDefaultTtl{30000};

    /// `node` names this process among the nodes sharing the Redis (see uniqueNodeId()). A node that stops
    /// sending heartbeats for `ttl` is declared dead by the others and its users go offline. Nodes share
    /// presence when they share `prefix` (of the keys and the channel; tests use their own).
    RedisPresence(const redis::RedisUrl& url, std::string node, Logger& logger, std::chrono::milliseconds ttl = kDefaultTtl,
                  std::string prefix = RedisPresenceStore::kDefaultPrefix);
    /// Uses `redis` (which must outlive this) for commands, and its URL for the subscription.
    RedisPresence(redis::RedisClient& redis, std::string node, Logger& logger, std::chrono::milliseconds ttl = kDefaultTtl,
                  std::string prefix = RedisPresenceStore::kDefaultPrefix);
    ~RedisPresence() override;  ///< stops
    RedisPresence(const RedisPresence&) = delete;
    RedisPresence& operator=(const RedisPresence&) = delete;

    /// "<hostname>-<pid>-<random hex>": unique per process, so that a restarted process never mistakes
    /// the entries of its previous life for its own.
    static std::string uniqueNodeId();

    /// Across every node: this node's connections as they are now, the others' as Redis has them. While
    /// Redis cannot be reached, this node's connections only (the outage is logged once).
    PresenceStatus status(std::int64_t userId) override;
    std::vector<PresenceStatus> statuses(const std::vector<std::int64_t>& userIds) override;
    void setAway(ConnectionId connection, bool away) override;
    /// Each change of a user's status across the nodes is handed to the handlers of one node (the first
    /// to check it), on this tracker's background thread: a handler that publishes the change to a topic
    /// (which the hub fans out to every node) reaches each client once.
    void onChange(PresenceHandler handler) override;

    /// Never wait for Redis nor throw because of it: this node's state is kept here and written to Redis
    /// by the background thread (again after an outage).
    void connected(ConnectionId connection, std::int64_t userId) override;
    void disconnected(ConnectionId connection) override;

    /// Registers this node, subscribes to the other nodes' announcements and starts the heartbeats.
    /// Throws redis::RedisError when Redis cannot be reached.
    void start() override;
    /// Stops the heartbeats and removes this node's entries, announcing that its users left: the other
    /// nodes tell their handlers, this one does not. Idempotent; a Redis failure here is logged, and the
    /// other nodes then reap this one after the TTL.
    void stop() override;

    /// For tests only: stops as a process killed with SIGKILL would, without removing anything from
    /// Redis, so that the other nodes have to find this one dead.
    void abandonForTest();

    void addChangeHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                          PresenceHandler handler) override;
    void removeOwner(const std::string& owner) override;

    const std::string& node() const { return store_.node(); }

private:
    struct Work;

    void runSync();
    void sync(const Work& work, bool heartbeatDue);
    void heartbeatAndReap();
    /// Publishes the users' statuses across nodes for the other nodes, then checks them.
    void announce(const std::vector<std::int64_t>& userIds);
    /// Tells this node's handlers of the users' changes that this node is the first to see.
    void check(const std::vector<std::int64_t>& userIds);
    std::vector<RedisPresenceStore::Entry> statusesAcrossNodes(const std::vector<std::int64_t>& userIds);
    std::vector<std::int64_t> everyKnownUser();
    std::vector<std::int64_t> localUsers();

    void markChanged(const std::vector<NodeConnections::Change>& changes);
    void onAnnouncement(const std::string& payload);
    void reportOutage(const std::string& what);
    void reportRecovery();
    void stopThreads();

    std::unique_ptr<redis::RedisClient> ownedRedis_;
    redis::RedisClient& redis_;
    Logger& logger_;
    std::chrono::milliseconds ttl_;
    RedisPresenceStore store_;
    PresenceNotifier notifier_;

    std::mutex mutex_;
    std::condition_variable wake_;
    NodeConnections local_;
    std::set<std::int64_t> unwritten_;  ///< users whose entry on this node changed since it was written
    std::set<std::int64_t> announced_;  ///< users other nodes announced, to check
    bool recheckAll_ = false;           ///< after a gap in the subscription
    bool stopping_ = false;

    std::atomic<bool> redisDown_{false};
    bool registered_ = false;  ///< start() and stop() only
    std::unique_ptr<redis::RedisSubscriber> subscriber_;
    std::thread syncThread_;
};

}  // namespace ocomms::realtime
