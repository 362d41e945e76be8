// Recent events per key (an account, an address), so that a limit of N in a sliding window can be
// checked. Not thread-safe: LoginRateLimiter locks around it.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>
#include <optional>
#include <string>
#include <unordered_map>

namespace ocomms::identity::api {

class SlidingWindowLog {
public:
    using Clock = std::chrono::steady_clock;

    /// `limit` events per `window` and key; at most `maxKeys` keys are remembered.
    SlidingWindowLog(int limit, std::chrono::seconds window, std::size_t maxKeys);

    /// When the key has used up its limit: how long until its oldest event leaves the window (at least
    /// one second). nullopt while it may go on.
    std::optional<std::chrono::seconds> retryAfter(const std::string& key, Clock::time_point now) const;
    void record(const std::string& key, Clock::time_point now);
    void forget(const std::string& key);
    std::size_t keyCount() const { return events_.size(); }

private:
    void makeRoomForNewKey(Clock::time_point now);

    std::size_t limit_;
    Clock::duration window_;
    std::size_t maxKeys_;
    /// Per key, at most `limit_` times, oldest first: older ones can no longer decide anything.
    std::unordered_map<std::string, std::vector<Clock::time_point>> events_;
};

}  // namespace ocomms::identity::api
