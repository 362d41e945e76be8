// The bytes a connection has waiting to be written, shared by the threads that queue frames for it and
// the loop thread that writes them, so that a sender learns at once that a consumer is too far behind.
#pragma once

#include <atomic>
#include <cstddef>

namespace ocomms::realtime {

class SendBudget {
public:
    enum class Reservation { Reserved, Closed, Overflow };

    explicit SendBudget(std::size_t limit) : limit_(limit) {}

    /// Reserved: the bytes may be queued. Closed: the connection takes no more frames. Overflow: the
    /// queue would pass the limit; the connection now takes no more frames, and only the caller that
    /// got Overflow is told so, so that exactly one of them closes it.
    Reservation reserve(std::size_t bytes) {
        if (!accepting_.load(std::memory_order_acquire)) return Reservation::Closed;
        const std::size_t after = queuedBytes_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
        if (after <= limit_) return Reservation::Reserved;
        queuedBytes_.fetch_sub(bytes, std::memory_order_relaxed);
        return accepting_.exchange(false) ? Reservation::Overflow : Reservation::Closed;
    }

    /// For the close frame, which goes out whatever the queue holds.
    void forceReserve(std::size_t bytes) { queuedBytes_.fetch_add(bytes, std::memory_order_relaxed); }
    void release(std::size_t bytes) { queuedBytes_.fetch_sub(bytes, std::memory_order_relaxed); }

    void stopAccepting() { accepting_.store(false, std::memory_order_release); }
    bool accepting() const { return accepting_.load(std::memory_order_acquire); }
    std::size_t queuedBytes() const { return queuedBytes_.load(std::memory_order_relaxed); }

private:
    const std::size_t limit_;
    std::atomic<std::size_t> queuedBytes_{0};
    std::atomic<bool> accepting_{true};
};

}  // namespace ocomms::realtime
