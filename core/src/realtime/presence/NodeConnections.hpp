// One node's part of presence: the open connections of each user on this node and which of them are
// away. Not thread-safe: its owner (LocalPresence, RedisPresence) holds the lock.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <ocomms/realtime.hpp>

namespace ocomms::realtime {

class NodeConnections {
public:
    /// The user's status on this node before and after one change.
    struct Change {
        std::int64_t userId = 0;
        PresenceStatus before = PresenceStatus::Offline;
        PresenceStatus after = PresenceStatus::Offline;
        bool changed() const { return before != after; }
    };

    /// The changes it caused: the user's, and, when the connection was known for another user, that
    /// user's first.
    std::vector<Change> add(ConnectionId connection, std::int64_t userId);
    /// Nothing for a connection that is not known (already removed, or never added).
    std::optional<Change> remove(ConnectionId connection);
    std::optional<Change> setAway(ConnectionId connection, bool away);

    /// Online if any of the user's connections here is not away, Away if all are, Offline if none.
    PresenceStatus status(std::int64_t userId) const;
    /// Every user with a connection here, with their status here.
    std::vector<std::pair<std::int64_t, PresenceStatus>> users() const;

private:
    struct UserConnections {
        std::set<ConnectionId> open;
        std::set<ConnectionId> away;  ///< a subset of `open`
    };

    static PresenceStatus statusOf(const UserConnections& user);

    std::unordered_map<ConnectionId, std::int64_t> userOf_;
    std::unordered_map<std::int64_t, UserConnections> users_;
};

}  // namespace ocomms::realtime
