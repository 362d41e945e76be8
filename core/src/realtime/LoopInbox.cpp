#include "realtime/LoopInbox.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <system_error>

namespace ocomms::realtime {

LoopInbox::LoopInbox(std::size_t maxQueuedBytes) : maxQueuedBytes_(maxQueuedBytes) {
    wakeFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wakeFd_ < 0) throw std::system_error(errno, std::generic_category(), "realtime: eventfd");
}

LoopInbox::~LoopInbox() {
    ::close(wakeFd_);
}

bool LoopInbox::adopt(ConnectionId id, int fd) {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    budgets_.try_emplace(id, maxQueuedBytes_);
    pushLocked({LoopCommand::Kind::Adopt, id, fd, {}, 0, {}, {}});
    return true;
}

LoopInbox::SendResult LoopInbox::send(ConnectionId id, SharedFrame frame) {
    bool mustWake = false;
    SendResult result = SendResult::Gone;
    {
        std::lock_guard lock(mutex_);
        result = sendLocked(id, std::move(frame), mustWake);
    }
    if (mustWake) wake();
    return result;
}

void LoopInbox::sendToEach(std::span<const ConnectionId> ids, const SharedFrame& frame) {
    bool mustWake = false;
    {
        std::lock_guard lock(mutex_);
        for (const ConnectionId id : ids) sendLocked(id, frame, mustWake);
    }
    if (mustWake) wake();
}

/// Queues the command without waking the loop; sets `mustWake` when the caller must, after unlocking
/// (see wake()).
LoopInbox::SendResult LoopInbox::sendLocked(ConnectionId id, SharedFrame frame, bool& mustWake) {
    const auto it = budgets_.find(id);
    if (closed_ || it == budgets_.end()) return SendResult::Gone;
    switch (it->second.reserve(frame->size())) {
        case SendBudget::Reservation::Reserved:
            mustWake = mustWake || pending_.empty();
            pending_.push_back({LoopCommand::Kind::Send, id, -1, std::move(frame), 0, {}, {}});
            return SendResult::Queued;
        case SendBudget::Reservation::Overflow:
            mustWake = mustWake || pending_.empty();
            pending_.push_back({LoopCommand::Kind::SlowConsumer, id, -1, {}, 0, {}, {}});
            return SendResult::Overflow;
        case SendBudget::Reservation::Closed: break;
    }
    return SendResult::Gone;
}

void LoopInbox::close(ConnectionId id, std::uint16_t code, std::string reason) {
    std::lock_guard lock(mutex_);
    const auto it = budgets_.find(id);
    if (closed_ || it == budgets_.end() || !it->second.accepting()) return;
    it->second.stopAccepting();
    pushLocked({LoopCommand::Kind::Close, id, -1, {}, code, std::move(reason), {}});
    notifyRoomWaitersLocked();
}

void LoopInbox::stop(std::chrono::steady_clock::time_point deadline) {
    std::lock_guard lock(mutex_);
    if (!closed_) pushLocked({LoopCommand::Kind::Stop, 0, -1, {}, 0, {}, deadline});
}

ConnectionLoops::SendRoom LoopInbox::waitForRoom(ConnectionId id, std::size_t bytes,
                                                 std::chrono::steady_clock::time_point deadline) {
    using SendRoom = ConnectionLoops::SendRoom;
    std::unique_lock lock(mutex_);
    roomWaiters_.fetch_add(1);
    // Pairs with the fence in wakeRoomWaiters: either the loop sees this waiter, or this check sees the
    // bytes the loop released (the budget's counter is relaxed, so the fences order the two).
    std::atomic_thread_fence(std::memory_order_seq_cst);
    const auto room = [&]() -> std::optional<SendRoom> {
        const auto it = budgets_.find(id);
        if (closed_ || it == budgets_.end() || !it->second.accepting()) return SendRoom::Closed;
        if (it->second.queuedBytes() <= bytes) return SendRoom::Available;
        return std::nullopt;
    };
    std::optional<SendRoom> found = room();
    while (!found && roomChanged_.wait_until(lock, deadline) == std::cv_status::no_timeout) found = room();
    roomWaiters_.fetch_sub(1);
    return found ? *found : room().value_or(SendRoom::TimedOut);
}

void LoopInbox::wakeRoomWaiters() {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (roomWaiters_.load() == 0) return;
    std::lock_guard lock(mutex_);
    roomChanged_.notify_all();
}

void LoopInbox::take(std::vector<LoopCommand>& commands) {
    commands.clear();
    std::lock_guard lock(mutex_);
    takeLocked(commands);
}

void LoopInbox::closeAndTake(std::vector<LoopCommand>& commands) {
    commands.clear();
    std::lock_guard lock(mutex_);
    closed_ = true;
    takeLocked(commands);
    notifyRoomWaitersLocked();
}

SendBudget& LoopInbox::budget(ConnectionId id) {
    std::lock_guard lock(mutex_);
    return budgets_.at(id);
}

void LoopInbox::forget(ConnectionId id) {
    std::lock_guard lock(mutex_);
    budgets_.erase(id);
    notifyRoomWaitersLocked();
}

std::size_t LoopInbox::connectionCount() const {
    std::lock_guard lock(mutex_);
    return budgets_.size();
}

void LoopInbox::pushLocked(LoopCommand command) {
    // Wake-ups coalesce: only the first command after the loop emptied the list writes to the eventfd.
    const bool wasEmpty = pending_.empty();
    pending_.push_back(std::move(command));
    if (wasEmpty) wake();
}

/// After the lock is released where possible, so that the woken loop does not block on it at once. No
/// wake-up is lost: whoever found the list empty writes, and a loop that took the commands in between
/// only wakes once more for nothing.
void LoopInbox::wake() {
    const std::uint64_t one = 1;
    while (::write(wakeFd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void LoopInbox::notifyRoomWaitersLocked() {
    if (roomWaiters_.load() > 0) roomChanged_.notify_all();
}

void LoopInbox::takeLocked(std::vector<LoopCommand>& commands) {
    std::uint64_t count = 0;
    while (::read(wakeFd_, &count, sizeof count) < 0 && errno == EINTR) {
    }
    commands.swap(pending_);
}

}  // namespace ocomms::realtime
