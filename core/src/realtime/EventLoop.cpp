#include "realtime/EventLoop.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <system_error>

namespace ocomms::realtime {
namespace {

// The inbox's eventfd in epoll; connection ids start at 1.
constexpr std::uint64_t kWakeKey = 0;
constexpr std::size_t kReadBufferBytes = 64 * 1024;
constexpr int kEventsPerWait = 256;

}  // namespace

EventLoop::EventLoop(const ConnectionLimits& limits, ConnectionEvents& events, Logger& logger)
    : limits_(limits), events_(events), logger_(logger), inbox_(limits.maxQueuedBytes) {
    epollFd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epollFd_ < 0) throw std::system_error(errno, std::generic_category(), "realtime: epoll_create1");
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.u64 = kWakeKey;
    if (::epoll_ctl(epollFd_, EPOLL_CTL_ADD, inbox_.wakeFd(), &wake) < 0) {
        const int error = errno;
        ::close(epollFd_);
        throw std::system_error(error, std::generic_category(), "realtime: epoll_ctl(eventfd)");
    }
}

EventLoop::~EventLoop() {
    join();
    ::close(epollFd_);
}

void EventLoop::start() {
    readBuffer_.resize(kReadBufferBytes);
    thread_ = std::thread([this] { run(); });
}

void EventLoop::join() {
    if (thread_.joinable()) thread_.join();
}

void EventLoop::run() {
    std::array<epoll_event, kEventsPerWait> ready{};
    TimePoint now = Clock::now();
    while (!finishedStopping(now)) {
        const int count = ::epoll_wait(epollFd_, ready.data(), kEventsPerWait, waitTimeoutMs(now));
        if (count < 0 && errno != EINTR) {
            logger_.warn(std::string("realtime: epoll_wait failed: ") + std::strerror(errno));
        }
        now = Clock::now();
        for (int i = 0; i < count; ++i) {
            if (ready[static_cast<std::size_t>(i)].data.u64 == kWakeKey) {
                runCommands(now);
            } else {
                onSocketReady(ready[static_cast<std::size_t>(i)].data.u64, ready[static_cast<std::size_t>(i)].events, now);
            }
        }
        runDeadlines(now);
    }
    endAll();
}

bool EventLoop::finishedStopping(TimePoint now) const {
    return stopping_ && (slots_.empty() || now >= stopDeadline_);
}

int EventLoop::waitTimeoutMs(TimePoint now) const {
    TimePoint next = stopping_ ? stopDeadline_ : TimePoint::max();
    if (!deadlines_.empty()) next = std::min(next, deadlines_.earliest().first);
    if (next == TimePoint::max()) return -1;
    if (next <= now) return 0;
    // Rounded up: waking a little early would only find nothing due and wait again.
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
    return static_cast<int>(std::min<decltype(wait)>(wait, 60'000));
}

void EventLoop::runCommands(TimePoint now) {
    inbox_.take(commands_);
    for (auto& command : commands_) runCommand(command, now);
    commands_.clear();
}

void EventLoop::runCommand(LoopCommand& command, TimePoint now) {
    if (command.kind == LoopCommand::Kind::Adopt) return adopt(command.id, command.fd, now);
    if (command.kind == LoopCommand::Kind::Stop) return beginStop(command.deadline, now);
    const auto it = slots_.find(command.id);
    if (it == slots_.end()) return;
    Connection& connection = *it->second.connection;
    switch (command.kind) {
        case LoopCommand::Kind::Send: connection.send(std::move(command.frame)); break;
        case LoopCommand::Kind::Close:
            connection.close(command.code, command.reason, now + Connection::kCloseHandshakeTimeout);
            break;
        case LoopCommand::Kind::SlowConsumer: connection.closeSlowConsumer(now); break;
        case LoopCommand::Kind::Adopt:
        case LoopCommand::Kind::Stop: break;
    }
    settle(it->second);
}

void EventLoop::adopt(ConnectionId id, int fd, TimePoint now) {
    auto connection = std::make_unique<Connection>(id, fd, limits_, inbox_.budget(id), events_, logger_, now);
    epoll_event interest{};
    interest.events = EPOLLIN;
    interest.data.u64 = id;
    if (::epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &interest) < 0) {
        logger_.warn("realtime: cannot watch connection " + std::to_string(id) + ": " + std::strerror(errno));
        connection->abandon();
        connection.reset();
        inbox_.forget(id);
        reportClosed(id, websocket::CloseCode::InternalError, "cannot watch the socket");
        return;
    }
    auto& slot = slots_[id];
    slot.connection = std::move(connection);
    slot.watchedEvents = EPOLLIN;
    if (stopping_) slot.connection->close(websocket::CloseCode::GoingAway, "server stopping", stopDeadline_);
    settle(slot);
}

void EventLoop::beginStop(TimePoint deadline, TimePoint now) {
    stopping_ = true;
    stopDeadline_ = std::max(deadline, now);
    std::vector<ConnectionId> ids;
    ids.reserve(slots_.size());
    for (const auto& [id, slot] : slots_) ids.push_back(id);
    for (const ConnectionId id : ids) {
        const auto it = slots_.find(id);
        if (it == slots_.end()) continue;
        it->second.connection->close(websocket::CloseCode::GoingAway, "server stopping", stopDeadline_);
        settle(it->second);
    }
}

void EventLoop::onSocketReady(ConnectionId id, std::uint32_t events, TimePoint now) {
    // An earlier event of this round may have closed it.
    const auto it = slots_.find(id);
    if (it == slots_.end()) return;
    Connection& connection = *it->second.connection;
    if ((events & EPOLLOUT) != 0) connection.flush();
    // Errors and hang-ups surface through recv, which says which one it was.
    if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0 && connection.wantsRead()) {
        connection.receive(readBuffer_, now);
    } else if ((events & (EPOLLERR | EPOLLHUP)) != 0) {
        connection.abandon();
    }
    settle(it->second);
}

void EventLoop::runDeadlines(TimePoint now) {
    while (!deadlines_.empty() && deadlines_.earliest().first <= now) {
        const auto [when, id] = deadlines_.earliest();
        deadlines_.pop();
        const auto it = slots_.find(id);
        if (it == slots_.end() || it->second.scheduledDeadline != when) continue;
        it->second.scheduledDeadline = TimePoint::max();
        it->second.connection->onDeadline(now);
        settle(it->second);
    }
}

/// After anything happened to a connection: closes it if it is done, else brings its epoll interest
/// and its timer in line with what it now wants.
void EventLoop::settle(Slot& slot) {
    Connection& connection = *slot.connection;
    if (connection.finished()) return destroy(connection.id());
    inbox_.wakeRoomWaiters();

    const std::uint32_t wanted = (connection.wantsRead() ? EPOLLIN : 0u) | (connection.wantsWrite() ? EPOLLOUT : 0u);
    if (wanted != slot.watchedEvents) {
        epoll_event interest{};
        interest.events = wanted;
        interest.data.u64 = connection.id();
        if (::epoll_ctl(epollFd_, EPOLL_CTL_MOD, connection.fd(), &interest) < 0) {
            logger_.warn("realtime: epoll_ctl(MOD) failed for connection " + std::to_string(connection.id()) + ": " +
                         std::strerror(errno));
        } else {
            slot.watchedEvents = wanted;
        }
    }
    const TimePoint next = connection.nextDeadline();
    if (next < slot.scheduledDeadline) {
        deadlines_.push(next, connection.id());
        slot.scheduledDeadline = next;
    }
}

void EventLoop::destroy(ConnectionId id) {
    const auto it = slots_.find(id);
    if (it == slots_.end()) return;
    const std::uint16_t code = it->second.connection->closeCode();
    const std::string reason = it->second.connection->closeReason();
    // Explicitly, because a descriptor still open elsewhere (a dup) would otherwise stay registered.
    ::epoll_ctl(epollFd_, EPOLL_CTL_DEL, it->second.connection->fd(), nullptr);
    slots_.erase(it);
    inbox_.forget(id);
    reportClosed(id, code, reason);
}

/// The loop is leaving: what is still open is closed now, and adoptions that arrived too late are refused.
void EventLoop::endAll() {
    while (!slots_.empty()) {
        const ConnectionId id = slots_.begin()->first;
        slots_.begin()->second.connection->abandon();
        destroy(id);
    }
    inbox_.closeAndTake(commands_);
    for (const auto& command : commands_) {
        if (command.kind != LoopCommand::Kind::Adopt) continue;
        ::close(command.fd);
        inbox_.forget(command.id);
        reportClosed(command.id, websocket::CloseCode::GoingAway, "server stopping");
    }
    commands_.clear();
}

void EventLoop::reportClosed(ConnectionId id, std::uint16_t code, const std::string& reason) {
    try {
        events_.onClosed(id, code, reason);
    } catch (const std::exception& error) {
        logger_.warn("realtime: onClosed failed for connection " + std::to_string(id) + ": " + error.what());
    }
}

}  // namespace ocomms::realtime
