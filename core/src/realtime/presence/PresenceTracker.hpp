// Presence as the host keeps it: the hub reports connections opening and closing; the tracker answers
// status queries and reports changes. LocalPresence keeps it in process (one node); RedisPresence shares
// it between nodes through Redis.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <ocomms/realtime.hpp>

namespace ocomms::realtime {

class PresenceTracker : public Presence {
public:
    /// A connection of the user opened / closed on this node.
    virtual void connected(ConnectionId connection, std::int64_t userId) = 0;
    virtual void disconnected(ConnectionId connection) = 0;

    /// Starts heartbeats and listening to other nodes (RedisPresence); throws when Redis cannot be reached.
    virtual void start() = 0;
    /// Stops; RedisPresence removes this node's keys so its users go offline at once elsewhere.
    virtual void stop() = 0;

    /// Change handlers tagged with their plugin (see util/OwnedList.hpp); onChange() registers as "core".
    virtual void addChangeHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                                  PresenceHandler handler) = 0;
    virtual void removeOwner(const std::string& owner) = 0;
};

}  // namespace ocomms::realtime
