#include "realtime/presence/NodeConnections.hpp"

namespace ocomms::realtime {
PresenceStatus NodeConnections::statusOf(const UserConnections& user) {
    if (user.open.empty()) return PresenceStatus::Offline;
    return user.away.size() < user.open.size() ? PresenceStatus::Online : PresenceStatus::Away;
}

std::vector<NodeConnections::Change> NodeConnections::add(ConnectionId connection, std::int64_t userId) {
    std::vector<Change> changes;
    const std::optional<Change> previous = remove(connection);
    if (previous && previous->userId != userId) changes.push_back(*previous);
    UserConnections& user = users_[userId];
    Change change{userId, previous && previous->userId == userId ? previous->before : statusOf(user),
                  PresenceStatus::Offline};
    user.open.insert(connection);
    userOf_[connection] = userId;
    change.after = statusOf(user);
    changes.push_back(change);
    return changes;
}

std::optional<NodeConnections::Change> NodeConnections::remove(ConnectionId connection) {
    const auto owner = userOf_.find(connection);
    if (owner == userOf_.end()) return std::nullopt;
    const std::int64_t userId = owner->second;
    userOf_.erase(owner);
    const auto user = users_.find(userId);
    Change change{userId, statusOf(user->second), PresenceStatus::Offline};
    user->second.open.erase(connection);
    user->second.away.erase(connection);
    change.after = statusOf(user->second);
    if (user->second.open.empty()) users_.erase(user);
    return change;
}

std::optional<NodeConnections::Change> NodeConnections::setAway(ConnectionId connection, bool away) {
    const auto owner = userOf_.find(connection);
    if (owner == userOf_.end()) return std::nullopt;
    UserConnections& user = users_.at(owner->second);
    Change change{owner->second, statusOf(user), PresenceStatus::Offline};
    if (away) {
        user.away.insert(connection);
    } else {
        user.away.erase(connection);
    }
    change.after = statusOf(user);
    return change;
}

PresenceStatus NodeConnections::status(std::int64_t userId) const {
    const auto user = users_.find(userId);
    return user == users_.end() ? PresenceStatus::Offline : statusOf(user->second);
}

std::vector<std::pair<std::int64_t, PresenceStatus>> NodeConnections::users() const {
    std::vector<std::pair<std::int64_t, PresenceStatus>> result;
    result.reserve(users_.size());
    for (const auto& [userId, user] : users_) result.emplace_back(userId, statusOf(user));
    return result;
}

}  // namespace ocomms::realtime
