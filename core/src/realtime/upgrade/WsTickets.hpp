// WebSocket tickets: a browser cannot put an Authorization header on a WebSocket request, and a page should
// not need to read its session token, so it asks POST /api/ws/ticket (with its session cookie) for a
// ticket and opens /api/ws?ticket=... A ticket is short-lived, names one user, is signed with a key derived
// from auth.secret (so that any node of a cluster accepts it), and opens at most one connection on a node.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ocomms::realtime {

struct WsTicket {
    std::string text;  ///< opaque, URL-safe
    std::chrono::system_clock::time_point expiresAt;
};

enum class TicketStatus {
    Valid,
    Invalid,        ///< malformed, signed with another key, or altered
    Expired,
    AlreadyUsed,    ///< redeemed before on this node
    TooManyInUse,   ///< the node remembers as many unexpired used tickets as it may; refused to stay bounded
};

struct TicketRedemption {
    TicketStatus status = TicketStatus::Invalid;
    std::int64_t userId = 0;  ///< when Valid
};

class WsTickets {
public:
    using Clock = std::chrono::system_clock;
    using Now = std::function<Clock::time_point()>;

    /// Used tickets remembered at most (until they expire); a redemption beyond is refused.
    static constexpr std::size_t kMaxRememberedTickets = 100000;

    /// `secret`: auth.secret. Empty: a random key of this process, so that only this node accepts the
    /// tickets it issues (see usesProcessKey()).
    WsTickets(std::string_view secret, std::chrono::milliseconds ttl, Now now = Clock::now);
    ~WsTickets();
    WsTickets(const WsTickets&) = delete;
    WsTickets& operator=(const WsTickets&) = delete;

    WsTicket issue(std::int64_t userId);
    /// Checks the signature in constant time, then the expiry, then that the ticket was not used before
    /// on this node; a Valid ticket is used up.
    TicketRedemption redeem(std::string_view ticket);

    bool usesProcessKey() const { return processKey_; }

private:
    void forgetExpired(Clock::time_point now);

    std::vector<unsigned char> key_;
    bool processKey_ = false;
    std::chrono::milliseconds ttl_;
    Now now_;
    std::mutex mutex_;
    std::unordered_set<std::string> usedNonces_;
    std::multimap<Clock::time_point, std::string> usedByExpiry_;
};

}  // namespace ocomms::realtime
