// The Presence a plugin sees: its change handlers are registered under its own name, so that
// PresenceTracker::removeOwner removes them when it stops (as OwnedHub does for the hub); queries go to the
// tracker.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "realtime/presence/PresenceTracker.hpp"

namespace ocomms::realtime {

class OwnedPresence final : public Presence {
public:
    OwnedPresence(PresenceTracker& tracker, std::string owner, std::shared_ptr<const void> keepAlive)
        : tracker_(tracker), owner_(std::move(owner)), keepAlive_(std::move(keepAlive)) {}

    PresenceStatus status(std::int64_t userId) override { return tracker_.status(userId); }
    std::vector<PresenceStatus> statuses(const std::vector<std::int64_t>& userIds) override {
        return tracker_.statuses(userIds);
    }
    void setAway(ConnectionId connection, bool away) override { tracker_.setAway(connection, away); }
    void onChange(PresenceHandler handler) override {
        tracker_.addChangeHandler(owner_, keepAlive_, std::move(handler));
    }

private:
    PresenceTracker& tracker_;
    std::string owner_;
    std::shared_ptr<const void> keepAlive_;
};

}  // namespace ocomms::realtime
