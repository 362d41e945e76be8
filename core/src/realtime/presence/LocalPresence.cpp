#include "realtime/presence/LocalPresence.hpp"

namespace ocomms::realtime {

PresenceStatus LocalPresence::status(std::int64_t userId) {
    const std::lock_guard lock(mutex_);
    return connections_.status(userId);
}

std::vector<PresenceStatus> LocalPresence::statuses(const std::vector<std::int64_t>& userIds) {
    std::vector<PresenceStatus> result;
    result.reserve(userIds.size());
    const std::lock_guard lock(mutex_);
    for (const std::int64_t userId : userIds) result.push_back(connections_.status(userId));
    return result;
}

void LocalPresence::connected(ConnectionId connection, std::int64_t userId) {
    {
        const std::lock_guard lock(mutex_);
        for (const auto& change : connections_.add(connection, userId)) queueIfChanged(change);
    }
    notifier_.deliver();
}

void LocalPresence::disconnected(ConnectionId connection) {
    {
        const std::lock_guard lock(mutex_);
        queueIfChanged(connections_.remove(connection));
    }
    notifier_.deliver();
}

void LocalPresence::setAway(ConnectionId connection, bool away) {
    {
        const std::lock_guard lock(mutex_);
        queueIfChanged(connections_.setAway(connection, away));
    }
    notifier_.deliver();
}

void LocalPresence::queueIfChanged(const std::optional<NodeConnections::Change>& change) {
    if (change && change->changed()) notifier_.queue(change->userId, change->after);
}

void LocalPresence::onChange(PresenceHandler handler) { addChangeHandler("core", nullptr, std::move(handler)); }

void LocalPresence::addChangeHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                                     PresenceHandler handler) {
    notifier_.add(owner, std::move(keepAlive), std::move(handler));
}

void LocalPresence::removeOwner(const std::string& owner) { notifier_.removeOwner(owner); }

}  // namespace ocomms::realtime
