#include "identity/api/SlidingWindowLog.hpp"

#include <algorithm>

namespace ocomms::identity::api {

SlidingWindowLog::SlidingWindowLog(int limit, std::chrono::seconds window, std::size_t maxKeys)
    : limit_(static_cast<std::size_t>(std::max(limit, 1))), window_(window), maxKeys_(std::max<std::size_t>(maxKeys, 1)) {}

std::optional<std::chrono::seconds> SlidingWindowLog::retryAfter(const std::string& key, Clock::time_point now) const {
    const auto it = events_.find(key);
    if (it == events_.end()) return std::nullopt;
    const auto& times = it->second;
    const auto inWindow = static_cast<std::size_t>(
        std::count_if(times.begin(), times.end(), [&](Clock::time_point t) { return now - t < window_; }));
    if (inWindow < limit_) return std::nullopt;
    // Full: the oldest of the last `limit_` events frees the next slot when it leaves the window.
    const auto wait = times.front() + window_ - now;
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    return std::max(seconds, std::chrono::seconds(1));
}

void SlidingWindowLog::record(const std::string& key, Clock::time_point now) {
    auto it = events_.find(key);
    if (it == events_.end()) {
        makeRoomForNewKey(now);
        it = events_.emplace(key, std::vector<Clock::time_point>{}).first;
    }
    auto& times = it->second;
    times.push_back(now);
    if (times.size() > limit_) times.erase(times.begin(), times.end() - static_cast<std::ptrdiff_t>(limit_));
}

void SlidingWindowLog::forget(const std::string& key) { events_.erase(key); }

void SlidingWindowLog::makeRoomForNewKey(Clock::time_point now) {
    if (events_.size() < maxKeys_) return;
    std::erase_if(events_, [&](const auto& entry) { return now - entry.second.back() >= window_; });
    if (events_.size() < maxKeys_) return;
    // Still full of live keys (many addresses at once): forget the one that has been quiet longest, so
    // that memory stays bounded. It loses at most what it would have lost a little later.
    const auto quietest = std::min_element(events_.begin(), events_.end(), [](const auto& a, const auto& b) {
        return a.second.back() < b.second.back();
    });
    events_.erase(quietest);
}

}  // namespace ocomms::identity::api
