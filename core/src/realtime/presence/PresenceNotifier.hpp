// The change handlers of a presence tracker, and the delivery of changes to them in the order they
// happened, on the caller's thread but outside the tracker's lock.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <ocomms/logger.hpp>
#include <ocomms/realtime.hpp>

#include "util/OwnedList.hpp"

namespace ocomms::realtime {

class PresenceNotifier {
public:
    explicit PresenceNotifier(Logger& logger) : logger_(logger) {}

    void add(const std::string& owner, std::shared_ptr<const void> keepAlive, PresenceHandler handler) {
        handlers_.add(owner, std::move(keepAlive), std::move(handler));
    }
    void removeOwner(const std::string& owner) { handlers_.removeOwner(owner); }

    /// Queues a change. Call it while holding the lock under which the change was made, so that the
    /// queue has the changes in the order they happened; then release that lock and call deliver().
    void queue(std::int64_t userId, PresenceStatus status);

    /// Runs the handlers for every queued change, in order. When another thread is already delivering,
    /// that thread delivers these too and this returns at once, so a handler may itself cause a change
    /// (it is delivered after the handler returns) and changes never overtake each other. A handler that
    /// throws is logged with its owner; the others still run.
    void deliver();

private:
    Logger& logger_;
    util::OwnedList<PresenceHandler> handlers_;
    std::mutex mutex_;
    std::deque<std::pair<std::int64_t, PresenceStatus>> queued_;
    bool delivering_ = false;
};

}  // namespace ocomms::realtime
