// The Redis side of RedisPresence: the key layout, and the commands that write one node's entries, reap
// a dead node, read users' statuses on other nodes and announce changes. No state beyond its names;
// every call is one or two pipelined round trips and throws redis::RedisError when Redis fails.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <ocomms/realtime.hpp>

#include "redis/RedisClient.hpp"

namespace ocomms::realtime {

/// What one node announces on the presence channel after a user's status may have changed.
struct PresenceAnnouncement {
    std::string node;
    std::int64_t userId = 0;
    PresenceStatus status = PresenceStatus::Offline;  ///< the status across nodes as the sender saw it
};

class RedisPresenceStore {
public:
    /// Of every key and of the channel. Nodes that share it share presence (tests use their own).
    static constexpr const char* kDefaultPrefix = "ocomms:presence";

    using Entry = std::pair<std::int64_t, PresenceStatus>;

    RedisPresenceStore(redis::RedisClient& redis, std::string node, std::chrono::milliseconds ttl,
                       std::string prefix = kDefaultPrefix);

    const std::string& node() const { return node_; }
    /// The channel announcements go to: the prefix itself.
    const std::string& channel() const { return prefix_; }

    /// This node's entries for these users: written with the TTL, or removed for Offline.
    void writeEntries(const std::vector<Entry>& entries);

    struct Heartbeat {
        /// False when this node was missing from the registry: another node had declared it dead (or this
        /// is its first heartbeat), so its users were taken offline elsewhere and need announcing again.
        bool wasRegistered = false;
        /// Other nodes whose deadline has passed, by Redis's clock.
        std::vector<std::string> deadNodes;
    };
    /// Rewrites every entry of this node with a fresh TTL, moves its deadline to now + TTL, and lists
    /// the nodes that missed theirs.
    Heartbeat heartbeat(const std::vector<Entry>& entries);

    /// Removes a dead node from the registry. Only the one caller for which the removal happened gets the
    /// node's users (its entries are then removed); the others get nothing, so a dead node is reaped once.
    std::optional<std::vector<std::int64_t>> claimDeadNode(const std::string& node);
    /// Removes this node from the registry and every entry it has; returns the users it had.
    std::vector<std::int64_t> unregister();

    /// Each user's status on every node but this one (whose state the caller knows better), in order.
    /// Entries whose key expired (a node that died and was not reaped yet) count as offline.
    std::vector<PresenceStatus> otherNodesStatuses(const std::vector<std::int64_t>& userIds);
    /// Every user that any registered node has entries for.
    std::vector<std::int64_t> usersOfRegisteredNodes();
    std::int64_t registeredNodeCount();

    /// For each user, atomically: computes the status across every node's entries and, when it differs
    /// from the status last recorded for the user, records it. Returns the users whose recorded status
    /// this call changed, with the new status: of all the nodes checking the same change, exactly one
    /// gets it, so one node tells its handlers.
    std::vector<Entry> claimChanges(const std::vector<std::int64_t>& userIds);

    /// Publishes one announcement per user on channel(), as this node.
    void announce(const std::vector<Entry>& statuses);
    /// Nothing for a payload that is not an announcement.
    static std::optional<PresenceAnnouncement> parseAnnouncement(const std::string& payload);

private:
    std::vector<std::int64_t> removeNode(const std::string& node);

    std::string userNodeKey(std::int64_t userId, const std::string& node) const;
    std::string userNodesKey(std::int64_t userId) const;
    std::string nodeUsersKey(const std::string& node) const;
    /// The commands that make `node`'s entry for one user what `status` says.
    void appendEntryCommands(std::vector<std::vector<std::string>>& commands, std::int64_t userId,
                             PresenceStatus status) const;

    redis::RedisClient& redis_;
    std::string node_;
    std::chrono::milliseconds ttl_;
    std::string prefix_;
    std::string registryKey_;
};

}  // namespace ocomms::realtime
