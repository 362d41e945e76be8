// Presence for a single node (no Redis): everything is in this process.
#pragma once

#include <mutex>

#include <ocomms/logger.hpp>

#include "realtime/presence/NodeConnections.hpp"
#include "realtime/presence/PresenceNotifier.hpp"
#include "realtime/presence/PresenceTracker.hpp"

namespace ocomms::realtime {

/// Thread-safe. Change handlers run on the thread whose call caused the change, after the lock is
/// released, and only when a user's status actually changed.
class LocalPresence final : public PresenceTracker {
public:
    explicit LocalPresence(Logger& logger) : notifier_(logger) {}

    PresenceStatus status(std::int64_t userId) override;
    std::vector<PresenceStatus> statuses(const std::vector<std::int64_t>& userIds) override;
    /// Unknown connections are ignored.
    void setAway(ConnectionId connection, bool away) override;
    void onChange(PresenceHandler handler) override;

    void connected(ConnectionId connection, std::int64_t userId) override;
    /// Unknown connections are ignored.
    void disconnected(ConnectionId connection) override;
    /// Nothing to start or stop in one process.
    void start() override {}
    void stop() override {}

    void addChangeHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                          PresenceHandler handler) override;
    void removeOwner(const std::string& owner) override;

private:
    /// Queues the change for the handlers when the status changed; called under the lock.
    void queueIfChanged(const std::optional<NodeConnections::Change>& change);

    std::mutex mutex_;
    NodeConnections connections_;
    PresenceNotifier notifier_;
};

}  // namespace ocomms::realtime
