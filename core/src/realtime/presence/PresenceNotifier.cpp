#include "realtime/presence/PresenceNotifier.hpp"

#include <exception>
#include <vector>

namespace ocomms::realtime {

void PresenceNotifier::queue(std::int64_t userId, PresenceStatus status) {
    const std::lock_guard lock(mutex_);
    queued_.emplace_back(userId, status);
}

void PresenceNotifier::deliver() {
    std::unique_lock lock(mutex_);
    if (delivering_) return;
    delivering_ = true;
    while (!queued_.empty()) {
        const auto [userId, status] = queued_.front();
        queued_.pop_front();
        lock.unlock();
        for (const auto& handler : handlers_.snapshot()) {
            try {
                handler.value(userId, status);
            } catch (const std::exception& e) {
                logger_.error("presence handler of '" + handler.owner + "' failed for user " + std::to_string(userId) +
                              ": " + e.what());
            } catch (...) {
                logger_.error("presence handler of '" + handler.owner + "' failed for user " + std::to_string(userId));
            }
        }
        lock.lock();
    }
    delivering_ = false;
}

}  // namespace ocomms::realtime
