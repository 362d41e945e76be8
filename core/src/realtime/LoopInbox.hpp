// The thread-safe side of one event loop: the commands other threads leave for it, the eventfd that
// wakes it, and the send budgets of its connections (which also say which ids are still alive).
#pragma once

#include "realtime/LoopCommand.hpp"
#include "realtime/SendBudget.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace ocomms::realtime {

class LoopInbox {
public:
    enum class SendResult { Queued, Gone, Overflow };

    explicit LoopInbox(std::size_t maxQueuedBytes);
    ~LoopInbox();
    LoopInbox(const LoopInbox&) = delete;
    LoopInbox& operator=(const LoopInbox&) = delete;

    /// The descriptor the loop watches for EPOLLIN: readable while commands are waiting.
    int wakeFd() const { return wakeFd_; }

    /// False once the loop has finished (the caller keeps the descriptor).
    bool adopt(ConnectionId id, int fd);
    /// Overflow: the frame was refused and the connection is being closed with 1013.
    SendResult send(ConnectionId id, SharedFrame frame);
    /// send() to each of `ids`, under one lock and with at most one wake-up of the loop, so that a
    /// fan-out does not wake the loop (and switch threads) once per connection.
    void sendToEach(std::span<const ConnectionId> ids, const SharedFrame& frame);
    void close(ConnectionId id, std::uint16_t code, std::string reason);
    void stop(std::chrono::steady_clock::time_point deadline);
    /// See ConnectionLoops::waitForSendRoom.
    ConnectionLoops::SendRoom waitForRoom(ConnectionId id, std::size_t bytes, std::chrono::steady_clock::time_point deadline);

    /// Loop thread: moves the waiting commands into `commands` (which it empties first).
    void take(std::vector<LoopCommand>& commands);
    /// Loop thread, when it ends: like take(), and from now on every call above is refused.
    void closeAndTake(std::vector<LoopCommand>& commands);

    /// Loop thread: the budget of a live connection; the reference stays valid until forget(id).
    SendBudget& budget(ConnectionId id);
    /// Loop thread: the id is dead; sends to it return Gone from now on.
    void forget(ConnectionId id);
    /// Loop thread: bytes were written or a connection stopped taking frames; wakes the threads in
    /// waitForRoom, if there are any (an atomic load otherwise).
    void wakeRoomWaiters();

    std::size_t connectionCount() const;

private:
    void pushLocked(LoopCommand command);
    SendResult sendLocked(ConnectionId id, SharedFrame frame, bool& mustWake);
    void wake();
    void takeLocked(std::vector<LoopCommand>& commands);
    void notifyRoomWaitersLocked();

    const std::size_t maxQueuedBytes_;
    int wakeFd_ = -1;
    mutable std::mutex mutex_;
    std::vector<LoopCommand> pending_;
    // unordered_map keeps its elements in place, which is why SendBudget references stay valid.
    std::unordered_map<ConnectionId, SendBudget> budgets_;
    bool closed_ = false;
    std::condition_variable roomChanged_;
    std::atomic<int> roomWaiters_{0};
};

}  // namespace ocomms::realtime
