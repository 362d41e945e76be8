// How many requests are inside the server's handler, so that a stop can wait for them.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace ocomms::http {

class InFlightRequests {
public:
    /// Counts one request for as long as it lives.
    class Scope {
    public:
        explicit Scope(InFlightRequests& requests) : requests_(requests) { ++requests_.count_; }
        ~Scope() { requests_.leave(); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        InFlightRequests& requests_;
    };

    int count() const { return count_.load(); }

    /// True when the count reached zero before `deadline`.
    bool waitUntilIdle(std::chrono::steady_clock::time_point deadline) {
        std::unique_lock lock(mutex_);
        return idle_.wait_until(lock, deadline, [this] { return count_.load() == 0; });
    }

private:
    void leave() {
        if (--count_ == 0) {
            // Taking the lock orders this notification after a waiter's check of the count.
            std::lock_guard lock(mutex_);
            idle_.notify_all();
        }
    }

    std::atomic<int> count_{0};
    std::mutex mutex_;
    std::condition_variable idle_;
};

}  // namespace ocomms::http
