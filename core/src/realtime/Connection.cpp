#include "realtime/Connection.hpp"

#include "realtime/websocket/FrameWriter.hpp"
#include "realtime/websocket/Utf8Validator.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>

namespace ocomms::realtime {
namespace {

using websocket::CloseCode;
using websocket::FrameEvent;

// Reads per readiness report, so that one flooding client cannot starve the others on its loop; with
// level-triggered epoll the rest is reported again on the next round.
constexpr int kReadsPerWakeup = 4;
// How long the last frames (our close frame) may take to leave once the handshake is over or failed.
constexpr std::chrono::seconds kFinishTimeout{1};
// Reported when the peer vanished without a close frame; never sent on the wire (RFC 6455 section 7.4.1).
constexpr std::uint16_t kAbnormalClosure = 1006;

/// Codes a caller may not put on the wire (1005, 1006, 1015, unassigned) become 1000, and a reason that
/// is not UTF-8 is dropped, so that our close frame is always one a peer accepts.
std::uint16_t sendableCode(std::uint16_t code) {
    return websocket::isValidReceivedCloseCode(code) ? code : CloseCode::Normal;
}

std::string_view sendableReason(std::string_view reason) {
    websocket::Utf8Validator validator;
    return validator.feed(reason) && validator.complete() ? reason : std::string_view{};
}

}  // namespace

Connection::Connection(ConnectionId id, int fd, const ConnectionLimits& limits, SendBudget& budget,
                       ConnectionEvents& events, Logger& logger, TimePoint now)
    : id_(id),
      fd_(fd),
      limits_(limits),
      budget_(budget),
      events_(events),
      logger_(logger),
      parser_(limits.maxMessageBytes),
      lastReceived_(now) {}

Connection::~Connection() {
    ::close(fd_);
}

void Connection::receive(std::span<char> scratch, TimePoint now) {
    for (int round = 0; round < kReadsPerWakeup && wantsRead(); ++round) {
        const ssize_t received = ::recv(fd_, scratch.data(), scratch.size(), MSG_DONTWAIT);
        if (received > 0) {
            lastReceived_ = now;
            pingSent_ = false;
            consume({scratch.data(), static_cast<std::size_t>(received)}, now);
            if (static_cast<std::size_t>(received) < scratch.size()) return;
            continue;
        }
        if (received == 0) return lost("connection closed by the peer");
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        return lost(std::strerror(errno));
    }
}

void Connection::flush() {
    if (state_ == State::Done) return;
    std::size_t written = 0;
    const auto result = queue_.writeTo(fd_, written);
    budget_.release(written);
    if (result == SendQueue::WriteResult::Failed) lost(std::strerror(errno));
}

void Connection::send(SharedFrame frame) {
    if (state_ != State::Open) {
        budget_.release(frame->size());
        return;
    }
    queue_.push(std::move(frame));
    flush();
}

void Connection::close(std::uint16_t code, std::string_view reason, TimePoint deadline) {
    if (state_ != State::Open) return;
    code = sendableCode(code);
    reason = sendableReason(reason);
    decide(code, reason);
    state_ = State::CloseSent;
    stateDeadline_ = deadline;
    queueCloseFrame(code, reason);
}

void Connection::closeSlowConsumer(TimePoint now) {
    if (state_ != State::Open) return;
    logger_.debug("realtime: connection " + std::to_string(id_) + " closed: send queue full");
    budget_.release(queue_.dropUnstarted());
    decide(CloseCode::TryAgainLater, "send queue full");
    queueCloseFrame(CloseCode::TryAgainLater, "send queue full");
    finishAfterFlush(now);
}

void Connection::onDeadline(TimePoint now) {
    if (state_ == State::Done) return;
    if (state_ != State::Open) {
        if (now < stateDeadline_) return;
        logger_.debug("realtime: connection " + std::to_string(id_) + ": closing handshake timed out");
        state_ = State::Done;
        return;
    }
    if (now >= lastReceived_ + limits_.idleTimeout) {
        close(CloseCode::GoingAway, "idle timeout", now + kCloseHandshakeTimeout);
    } else if (!pingSent_ && now >= lastReceived_ + limits_.pingInterval) {
        pingSent_ = true;
        queueControl(websocket::pingFrame(), now);
    }
}

void Connection::abandon() {
    if (state_ == State::Open) decide(CloseCode::GoingAway, "server stopping");
    state_ = State::Done;
}

Connection::TimePoint Connection::nextDeadline() const {
    switch (state_) {
        case State::Open: {
            const TimePoint idle = lastReceived_ + limits_.idleTimeout;
            return pingSent_ ? idle : std::min(idle, lastReceived_ + limits_.pingInterval);
        }
        case State::CloseSent:
        case State::Finishing: return stateDeadline_;
        case State::Done: break;
    }
    return TimePoint::max();
}

void Connection::consume(std::string_view bytes, TimePoint now) {
    while (auto event = parser_.next(bytes)) {
        handle(*event, now);
        if (!wantsRead()) return;
    }
}

void Connection::handle(const FrameEvent& event, TimePoint now) {
    switch (event.kind) {
        case FrameEvent::Kind::Text:
            // After our close frame, data is no longer wanted (RFC 6455 section 1.4).
            if (state_ == State::Open) deliverText(event.payload);
            break;
        case FrameEvent::Kind::Binary:
            close(CloseCode::UnsupportedData, "binary messages are not supported", now + kCloseHandshakeTimeout);
            break;
        case FrameEvent::Kind::Ping:
            if (state_ == State::Open) queueControl(websocket::pongFrame(event.payload), now);
            break;
        case FrameEvent::Kind::Pong: break;
        case FrameEvent::Kind::Close: onPeerClose(event.closeCode, event.payload, now); break;
        case FrameEvent::Kind::ProtocolError: failProtocol(event.closeCode, event.payload, now); break;
    }
}

void Connection::deliverText(std::string_view text) {
    try {
        events_.onText(id_, std::string(text));
    } catch (const std::exception& error) {
        logger_.warn("realtime: onText failed for connection " + std::to_string(id_) + ": " + error.what());
    }
}

void Connection::onPeerClose(std::uint16_t code, std::string_view reason, TimePoint now) {
    if (state_ == State::Open) {
        decide(code, reason);
        queueCloseFrame(code == CloseCode::NoStatusReceived ? CloseCode::Normal : code, {});
    }
    finishAfterFlush(now);
}

void Connection::failProtocol(std::uint16_t code, std::string_view reason, TimePoint now) {
    logger_.debug("realtime: connection " + std::to_string(id_) + ": " + std::string(reason));
    if (state_ == State::Open) {
        decide(code, reason);
        queueCloseFrame(code, reason);
    }
    finishAfterFlush(now);
}

void Connection::queueControl(std::string frame, TimePoint now) {
    switch (budget_.reserve(frame.size())) {
        case SendBudget::Reservation::Reserved:
            queue_.push(std::make_shared<const std::string>(std::move(frame)));
            flush();
            break;
        case SendBudget::Reservation::Overflow: closeSlowConsumer(now); break;
        case SendBudget::Reservation::Closed: break;
    }
}

void Connection::queueCloseFrame(std::uint16_t code, std::string_view reason) {
    budget_.stopAccepting();
    auto frame = std::make_shared<const std::string>(websocket::closeFrame(code, reason));
    budget_.forceReserve(frame->size());
    queue_.push(std::move(frame));
    flush();
}

void Connection::decide(std::uint16_t code, std::string_view reason) {
    closeCode_ = code;
    closeReason_ = reason;
}

void Connection::finishAfterFlush(TimePoint now) {
    if (state_ == State::Done) return;
    state_ = State::Finishing;
    stateDeadline_ = std::min(stateDeadline_, now + kFinishTimeout);
}

void Connection::lost(std::string_view why) {
    if (state_ == State::Open) {
        logger_.debug("realtime: connection " + std::to_string(id_) + " lost: " + std::string(why));
        decide(kAbnormalClosure, why);
    }
    budget_.stopAccepting();
    state_ = State::Done;
}

}  // namespace ocomms::realtime
