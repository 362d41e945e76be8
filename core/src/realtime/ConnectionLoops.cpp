#include "realtime/ConnectionLoops.hpp"

#include "realtime/EventLoop.hpp"
#include "realtime/websocket/FrameWriter.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace ocomms::realtime {
namespace {

void makeNonBlocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        throw std::system_error(errno, std::generic_category(), "realtime: cannot make the socket non-blocking");
    }
}

void disableNagle(int fd) {
    // Chat messages are small and latency matters. Fails harmlessly on a socket that is not TCP.
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

}  // namespace

struct ConnectionLoops::Impl {
    Impl(int threads, ConnectionLimits connectionLimits, ConnectionEvents& connectionEvents, Logger& log)
        : limits(connectionLimits), events(connectionEvents), logger(log) {
        if (threads < 1) throw std::invalid_argument("realtime: at least one event-loop thread is needed");
        for (int i = 0; i < threads; ++i) loops.push_back(std::make_unique<EventLoop>(limits, events, logger));
    }

    /// Ids are handed out in sequence, so `id % loops` spreads connections round-robin and routes a
    /// send to its loop without a shared map.
    EventLoop& loopOf(ConnectionId id) { return *loops[id % loops.size()]; }

    const ConnectionLimits limits;
    ConnectionEvents& events;
    Logger& logger;
    std::vector<std::unique_ptr<EventLoop>> loops;
    std::atomic<ConnectionId> lastId{0};
    bool started = false;
    bool stopped = false;
};

ConnectionLoops::ConnectionLoops(int threads, ConnectionLimits limits, ConnectionEvents& events, Logger& logger)
    : impl_(std::make_unique<Impl>(threads, limits, events, logger)) {}

ConnectionLoops::~ConnectionLoops() {
    stop(std::chrono::milliseconds(0));
}

void ConnectionLoops::start() {
    if (impl_->started) throw std::logic_error("realtime: the connection loops were already started");
    impl_->started = true;
    for (auto& loop : impl_->loops) loop->start();
}

void ConnectionLoops::stop(std::chrono::milliseconds grace) {
    if (impl_->stopped) return;
    // Connections adopted before start() still need their onClosed, which only a loop thread gives.
    if (!impl_->started) {
        if (connectionCount() == 0) {
            impl_->stopped = true;
            return;
        }
        start();
    }
    impl_->stopped = true;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    for (auto& loop : impl_->loops) loop->inbox().stop(deadline);
    for (auto& loop : impl_->loops) loop->join();
}

ConnectionId ConnectionLoops::adopt(int socketFd) {
    try {
        makeNonBlocking(socketFd);
    } catch (...) {
        ::close(socketFd);
        throw;
    }
    disableNagle(socketFd);
    const ConnectionId id = ++impl_->lastId;
    if (!impl_->loopOf(id).inbox().adopt(id, socketFd)) {
        ::close(socketFd);
        throw std::logic_error("realtime: the connection loops have stopped");
    }
    return id;
}

bool ConnectionLoops::sendText(ConnectionId id, std::string_view text) {
    return sendFrame(id, encodeTextFrame(text));
}

bool ConnectionLoops::sendFrame(ConnectionId id, SharedFrame frame) {
    if (!frame) return false;
    return impl_->loopOf(id).inbox().send(id, std::move(frame)) == LoopInbox::SendResult::Queued;
}

void ConnectionLoops::sendFrameToEach(std::span<const ConnectionId> ids, const SharedFrame& frame) {
    if (!frame || ids.empty()) return;
    const std::size_t loopCount = impl_->loops.size();
    std::vector<ConnectionId> ofLoop;
    ofLoop.reserve(ids.size());
    for (std::size_t loop = 0; loop < loopCount; ++loop) {
        ofLoop.clear();
        for (const ConnectionId id : ids) {
            if (id % loopCount == loop) ofLoop.push_back(id);
        }
        if (!ofLoop.empty()) impl_->loops[loop]->inbox().sendToEach(ofLoop, frame);
    }
}

ConnectionLoops::SendRoom ConnectionLoops::waitForSendRoom(ConnectionId id, std::size_t bytes,
                                                           std::chrono::milliseconds timeout) {
    return impl_->loopOf(id).inbox().waitForRoom(id, bytes, std::chrono::steady_clock::now() + timeout);
}

void ConnectionLoops::close(ConnectionId id, std::uint16_t code, const std::string& reason) {
    impl_->loopOf(id).inbox().close(id, code, reason);
}

std::size_t ConnectionLoops::connectionCount() const {
    std::size_t count = 0;
    for (const auto& loop : impl_->loops) count += loop->inbox().connectionCount();
    return count;
}

int ConnectionLoops::threadCount() const {
    return static_cast<int>(impl_->loops.size());
}

SharedFrame ConnectionLoops::encodeTextFrame(std::string_view text) {
    return std::make_shared<const std::string>(websocket::textFrame(text));
}

}  // namespace ocomms::realtime
