#include "app/AccessRevocation.hpp"

#include <exception>
#include <string>

namespace ocomms::app {

AccessRevocation::AccessRevocation(identity::IdentityService& identity, realtime::RealtimeHub& hub,
                                   std::chrono::milliseconds interval, Logger& logger)
    : identity_(identity), hub_(hub), interval_(interval), logger_(logger) {
    identity_.onAccessRevoked([&hub](std::int64_t userId) { hub.closeUser(userId, kCloseCode, kCloseReason); });
}

AccessRevocation::~AccessRevocation() {
    stop();
    // Here rather than in stop(): requests still in flight after stop() may read the listener, and the
    // HTTP server is gone by the time this is destroyed.
    identity_.onAccessRevoked({});
}

void AccessRevocation::start() {
    thread_ = std::thread([this] { run(); });
}

void AccessRevocation::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void AccessRevocation::run() {
    // Each look goes back to one interval before the previous one began, so that a deactivation committed
    // while a look was running, or stamped by a node whose clock is a little behind, is not missed.
    auto previousStart = std::chrono::system_clock::now();
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        const auto start = std::chrono::system_clock::now();
        // After a failed look, the next one covers its interval too.
        if (sweep(previousStart - interval_)) previousStart = start;
        lock.lock();
    }
}

bool AccessRevocation::sweep(std::chrono::system_clock::time_point since) {
    try {
        for (const std::int64_t userId : identity_.deactivatedSince(since)) {
            hub_.closeUserHere(userId, kCloseCode, kCloseReason);
        }
        return true;
    } catch (const std::exception& e) {
        logger_.warn(std::string("realtime: could not look up deactivated users: ") + e.what());
        return false;
    }
}

}  // namespace ocomms::app
