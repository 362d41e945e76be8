// One event-loop thread: an epoll instance over its connections' sockets and its inbox's eventfd, and
// the timers of those connections, computed into the epoll_wait timeout.
#pragma once

#include "realtime/Connection.hpp"
#include "realtime/ConnectionLoops.hpp"
#include "realtime/DeadlineQueue.hpp"
#include "realtime/LoopInbox.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ocomms::realtime {

class EventLoop {
public:
    EventLoop(const ConnectionLimits& limits, ConnectionEvents& events, Logger& logger);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    LoopInbox& inbox() { return inbox_; }

    void start();
    /// Returns once the thread has ended, which it does after a Stop command (see LoopInbox::stop).
    void join();

private:
    using Clock = Connection::Clock;
    using TimePoint = Connection::TimePoint;

    struct Slot {
        std::unique_ptr<Connection> connection;
        std::uint32_t watchedEvents = 0;
        TimePoint scheduledDeadline = TimePoint::max();
    };

    void run();
    bool finishedStopping(TimePoint now) const;
    int waitTimeoutMs(TimePoint now) const;
    void runCommands(TimePoint now);
    void runCommand(LoopCommand& command, TimePoint now);
    void adopt(ConnectionId id, int fd, TimePoint now);
    void beginStop(TimePoint deadline, TimePoint now);
    void onSocketReady(ConnectionId id, std::uint32_t events, TimePoint now);
    void runDeadlines(TimePoint now);
    void settle(Slot& slot);
    void destroy(ConnectionId id);
    void endAll();
    void reportClosed(ConnectionId id, std::uint16_t code, const std::string& reason);

    const ConnectionLimits& limits_;
    ConnectionEvents& events_;
    Logger& logger_;
    LoopInbox inbox_;
    int epollFd_ = -1;
    std::unordered_map<ConnectionId, Slot> slots_;
    DeadlineQueue deadlines_;
    std::vector<LoopCommand> commands_;
    std::vector<char> readBuffer_;  // shared by every connection of the loop: the parser keeps partial frames
    bool stopping_ = false;
    TimePoint stopDeadline_ = TimePoint::max();
    std::thread thread_;
};

}  // namespace ocomms::realtime
