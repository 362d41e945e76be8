// WebSocket connections after the handshake: a few epoll event-loop threads own every socket, read and
// parse frames without blocking, and write from a bounded queue per connection. The number of threads is
// fixed at start; it never grows with connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <ocomms/logger.hpp>

namespace ocomms::realtime {

using ConnectionId = std::uint64_t;

struct ConnectionLimits {
    std::size_t maxMessageBytes = 64 * 1024;        ///< a larger message closes with 1009
    std::size_t maxQueuedBytes = 4 * 1024 * 1024;   ///< a consumer this far behind is closed with 1013
    std::chrono::milliseconds pingInterval{25000};  ///< a ping after this long without traffic
    std::chrono::milliseconds idleTimeout{60000};   ///< closed (1001) after this long without any frame
};

/// What the loops tell their owner (the hub). Called on a loop thread; must not block.
class ConnectionEvents {
public:
    virtual ~ConnectionEvents() = default;
    /// A complete text message, UTF-8 already validated.
    virtual void onText(ConnectionId id, std::string message) = 0;
    /// The connection is gone (closed by either side, failed, or timed out). Called exactly once.
    virtual void onClosed(ConnectionId id, std::uint16_t code, const std::string& reason) = 0;
};

/// A frame encoded once and shared by every connection it is sent to (fan-out without copies).
using SharedFrame = std::shared_ptr<const std::string>;

class ConnectionLoops {
public:
    /// What waitForSendRoom found.
    enum class SendRoom {
        Available,  ///< the queue is down to the bytes asked for
        Closed,     ///< the connection is gone or closing: it takes no more frames
        TimedOut,
    };

    ConnectionLoops(int threads, ConnectionLimits limits, ConnectionEvents& events, Logger& logger);
    ~ConnectionLoops();
    ConnectionLoops(const ConnectionLoops&) = delete;
    ConnectionLoops& operator=(const ConnectionLoops&) = delete;

    void start();
    /// Sends every connection a close frame (1001 going away), waits up to `grace` for the close
    /// handshakes, then closes what is left and joins the threads.
    void stop(std::chrono::milliseconds grace);

    /// Takes over a connected socket whose WebSocket handshake is done (the descriptor is now owned by
    /// the loops, and made non-blocking). Returns the connection's id. Thread-safe.
    ConnectionId adopt(int socketFd);

    /// Queues a text message. False when the connection is gone; a connection whose queue would pass
    /// maxQueuedBytes is closed with 1013 instead. Thread-safe, never blocks on the network.
    bool sendText(ConnectionId id, std::string_view text);
    /// Queues an already encoded frame (see encodeTextFrame); same rules as sendText.
    bool sendFrame(ConnectionId id, SharedFrame frame);
    /// sendFrame to each of `ids` (a fan-out), waking each loop at most once for all of them.
    void sendFrameToEach(std::span<const ConnectionId> ids, const SharedFrame& frame);
    /// Waits until at most `bytes` are waiting in the connection's send queue, the connection takes no
    /// more frames, or `timeout` passes. The loop wakes waiters as it writes, so a sender can pace itself
    /// to a slow client instead of overflowing its queue. Thread-safe; not for the loop threads.
    SendRoom waitForSendRoom(ConnectionId id, std::size_t bytes, std::chrono::milliseconds timeout);
    /// Sends a close frame and closes after the peer answers (or after a short wait). Thread-safe.
    void close(ConnectionId id, std::uint16_t code, const std::string& reason);

    std::size_t connectionCount() const;
    int threadCount() const;

    /// A server text frame for sendFrame.
    static SharedFrame encodeTextFrame(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ocomms::realtime
