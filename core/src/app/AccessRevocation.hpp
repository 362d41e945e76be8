// Closes the WebSockets of users who lost access, so that nobody keeps receiving an organization's events
// after it was taken from them. Two paths:
//   - at once, for changes made through this server (a member removed from an organization, a user
//     deactivated): on every node, through the hub's fan-out;
//   - every `interval`, for users deactivated by another process (`ocomms admin deactivate-user`, another
//     node without Redis): each node looks up who was deactivated since its last look and closes their
//     connections here.
// The close code is 1008 (policy violation); a client that reconnects is refused (deactivated) or finds
// only what it may still see (removed from an organization).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <ocomms/logger.hpp>

#include "identity/IdentityService.hpp"
#include "realtime/hub/RealtimeHub.hpp"
#include "realtime/websocket/Frame.hpp"

namespace ocomms::app {

class AccessRevocation {
public:
    /// Registers with `identity` at once; both must outlive this.
    AccessRevocation(identity::IdentityService& identity, realtime::RealtimeHub& hub,
                     std::chrono::milliseconds interval, Logger& logger);
    ~AccessRevocation();  ///< stops the periodic look-up
    AccessRevocation(const AccessRevocation&) = delete;
    AccessRevocation& operator=(const AccessRevocation&) = delete;

    void start();
    void stop();

    static constexpr std::uint16_t kCloseCode = realtime::websocket::CloseCode::PolicyViolation;
    static constexpr const char* kCloseReason = "access revoked";

private:
    void run();
    /// False when the look-up failed (the database may be away for a while).
    bool sweep(std::chrono::system_clock::time_point since);

    identity::IdentityService& identity_;
    realtime::RealtimeHub& hub_;
    const std::chrono::milliseconds interval_;
    Logger& logger_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace ocomms::app
