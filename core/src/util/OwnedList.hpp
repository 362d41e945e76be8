// A thread-safe list of registrations, each tied to the plugin that made it (Prosody-style: removing the
// owner removes everything it registered).
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ocomms::util {

template <typename Value>
struct Owned {
    std::string owner;
    /// Keeps the owner's shared library loaded; declared before `value` so that it is destroyed after it,
    /// since destroying `value` may run code of that library.
    std::shared_ptr<const void> keepAlive;
    Value value;
};

template <typename Value>
class OwnedList {
public:
    void add(std::string owner, std::shared_ptr<const void> keepAlive, Value value) {
        std::lock_guard lock(mutex_);
        entries_.push_back({std::move(owner), std::move(keepAlive), std::move(value)});
    }

    void removeOwner(const std::string& owner) {
        std::vector<Owned<Value>> removed;  // destroyed outside the lock
        std::lock_guard lock(mutex_);
        auto keep = std::stable_partition(entries_.begin(), entries_.end(),
                                          [&](const Owned<Value>& e) { return e.owner != owner; });
        std::move(keep, entries_.end(), std::back_inserter(removed));
        entries_.erase(keep, entries_.end());
    }

    /// A copy, so that callers run entries without holding the lock.
    std::vector<Owned<Value>> snapshot() const {
        std::lock_guard lock(mutex_);
        return entries_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Owned<Value>> entries_;
};

}  // namespace ocomms::util
