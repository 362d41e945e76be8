#include "realtime/LoopInbox.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
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
    std::lock_guard lock(mutex_);
    const auto it = budgets_.find(id);
    if (closed_ || it == budgets_.end()) return SendResult::Gone;
    switch (it->second.reserve(frame->size())) {
        case SendBudget::Reservation::Reserved:
            pushLocked({LoopCommand::Kind::Send, id, -1, std::move(frame), 0, {}, {}});
            return SendResult::Queued;
        case SendBudget::Reservation::Overflow:
            pushLocked({LoopCommand::Kind::SlowConsumer, id, -1, {}, 0, {}, {}});
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
}

void LoopInbox::stop(std::chrono::steady_clock::time_point deadline) {
    std::lock_guard lock(mutex_);
    if (!closed_) pushLocked({LoopCommand::Kind::Stop, 0, -1, {}, 0, {}, deadline});
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
}

SendBudget& LoopInbox::budget(ConnectionId id) {
    std::lock_guard lock(mutex_);
    return budgets_.at(id);
}

void LoopInbox::forget(ConnectionId id) {
    std::lock_guard lock(mutex_);
    budgets_.erase(id);
}

std::size_t LoopInbox::connectionCount() const {
    std::lock_guard lock(mutex_);
    return budgets_.size();
}

void LoopInbox::pushLocked(LoopCommand command) {
    // Wake-ups coalesce: only the first command after the loop emptied the list writes to the eventfd.
    const bool wasEmpty = pending_.empty();
    pending_.push_back(std::move(command));
    if (!wasEmpty) return;
    const std::uint64_t one = 1;
    while (::write(wakeFd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void LoopInbox::takeLocked(std::vector<LoopCommand>& commands) {
    std::uint64_t count = 0;
    while (::read(wakeFd_, &count, sizeof count) < 0 && errno == EINTR) {
    }
    commands.swap(pending_);
}

}  // namespace ocomms::realtime
