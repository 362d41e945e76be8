// One WebSocket connection as its event loop sees it: the parser for what arrives, the queue for what
// leaves, the keepalive clock and the closing handshake. Only its loop thread touches it; the loop owns
// the epoll registration and the timer bookkeeping and asks the connection what it wants.
#pragma once

#include "realtime/ConnectionLoops.hpp"
#include "realtime/SendBudget.hpp"
#include "realtime/SendQueue.hpp"
#include "realtime/websocket/FrameParser.hpp"

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ocomms::realtime {

class Connection {
public:
    using Clock = std::chrono::steady_clock;
    using TimePoint = Clock::time_point;

    /// How long we wait for the peer's answer to our close frame.
    static constexpr std::chrono::seconds kCloseHandshakeTimeout{5};

    /// Takes ownership of `fd` (closed by the destructor).
    Connection(ConnectionId id, int fd, const ConnectionLimits& limits, SendBudget& budget, ConnectionEvents& events,
               Logger& logger, TimePoint now);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    ConnectionId id() const { return id_; }
    int fd() const { return fd_; }

    /// The socket is readable: reads a bounded amount through `scratch` (the loop's buffer, shared by
    /// all its connections) and acts on every frame.
    void receive(std::span<char> scratch, TimePoint now);
    /// The socket is writable: writes what is queued.
    void flush();
    /// A frame whose bytes are already reserved in the SendBudget.
    void send(SharedFrame frame);
    /// Starts the closing handshake; the socket is closed when the peer answers or at `deadline`.
    void close(std::uint16_t code, std::string_view reason, TimePoint deadline);
    /// The send queue would pass its limit: drops what was not started and closes with 1013.
    void closeSlowConsumer(TimePoint now);
    /// Called at nextDeadline() or later: pings, idle timeout, closing handshake timeout.
    void onDeadline(TimePoint now);
    /// Gives up at once (the loop is ending); the close code already decided is kept.
    void abandon();

    TimePoint nextDeadline() const;
    bool wantsRead() const { return state_ == State::Open || state_ == State::CloseSent; }
    bool wantsWrite() const { return !queue_.empty(); }
    /// Nothing left to do: the loop may close the socket and report closeCode().
    bool finished() const { return state_ == State::Done || (state_ == State::Finishing && queue_.empty()); }

    std::uint16_t closeCode() const { return closeCode_; }
    const std::string& closeReason() const { return closeReason_; }

private:
    enum class State : std::uint8_t {
        Open,
        CloseSent,  ///< our close frame is queued or sent; waiting for the peer's
        Finishing,  ///< the handshake is over (or failed): writing what is queued, then closing
        Done,
    };

    void consume(std::string_view bytes, TimePoint now);
    void handle(const websocket::FrameEvent& event, TimePoint now);
    void deliverText(std::string_view text);
    void onPeerClose(std::uint16_t code, std::string_view reason, TimePoint now);
    void failProtocol(std::uint16_t code, std::string_view reason, TimePoint now);
    void queueControl(std::string frame, TimePoint now);
    void queueCloseFrame(std::uint16_t code, std::string_view reason);
    void decide(std::uint16_t code, std::string_view reason);
    void finishAfterFlush(TimePoint now);
    void lost(std::string_view why);

    const ConnectionId id_;
    const int fd_;
    const ConnectionLimits& limits_;
    SendBudget& budget_;
    ConnectionEvents& events_;
    Logger& logger_;

    State state_ = State::Open;
    websocket::FrameParser parser_;
    SendQueue queue_;
    TimePoint lastReceived_;
    bool pingSent_ = false;  // since lastReceived_
    TimePoint stateDeadline_ = TimePoint::max();
    std::uint16_t closeCode_ = 0;
    std::string closeReason_;
};

}  // namespace ocomms::realtime
