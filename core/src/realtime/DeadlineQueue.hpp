// The connections' next deadlines in time order, for an event loop's epoll_wait timeout.
#pragma once

#include "realtime/ConnectionLoops.hpp"

#include <chrono>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

namespace ocomms::realtime {

/// Entries are never removed early: the loop remembers the deadline it scheduled per connection and
/// skips an entry that no longer matches. So traffic, which moves a connection's idle deadline on every
/// read, costs nothing here; an entry is added only when a deadline comes earlier than the scheduled one.
class DeadlineQueue {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    using Entry = std::pair<TimePoint, ConnectionId>;

    void push(TimePoint when, ConnectionId id) { entries_.emplace(when, id); }
    bool empty() const { return entries_.empty(); }
    const Entry& earliest() const { return entries_.top(); }
    void pop() { entries_.pop(); }

private:
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> entries_;
};

}  // namespace ocomms::realtime
