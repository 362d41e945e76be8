#include "LoadConnections.hpp"

#include "MessageText.hpp"
#include "UpgradeHandshake.hpp"
#include "realtime/websocket/FrameWriter.hpp"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ocomms::bench {
namespace {

using realtime::websocket::Opcode;

constexpr std::size_t kMaxResponseHead = 16 * 1024;
constexpr std::size_t kErrorsKept = 5;
constexpr int kEventsPerPoll = 512;

std::string systemError(const char* what, int error) { return std::string(what) + ": " + std::strerror(error); }

}  // namespace

LoadConnections::LoadConnections(const LoadOptions& options, const Workload& workload, WireProtocol& protocol)
    : options_(options), workload_(workload), protocol_(protocol), connections_(workload.connections),
      random_(static_cast<std::uint64_t>(monotonicNanoseconds())) {
    server_.sin_family = AF_INET;
    server_.sin_port = htons(options.port);
    if (inet_pton(AF_INET, options.host.c_str(), &server_.sin_addr) != 1) {
        throw std::invalid_argument("--host: not an IPv4 address: " + options.host);
    }
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) throw std::runtime_error(systemError("epoll_create1", errno));
}

LoadConnections::~LoadConnections() {
    const linger reset{1, 0};
    for (auto& connection : connections_) {
        if (connection.fd < 0) continue;
        setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        close(connection.fd);
    }
    close(epoll_);
}

void LoadConnections::openMore() {
    while (nextToOpen_ < connections_.size() && inHandshake_ < options_.maxInFlight) open(nextToOpen_++);
}

void LoadConnections::open(std::size_t index) {
    auto& connection = connections_[index];
    ++inHandshake_;
    connection.stage = Stage::Connecting;
    connection.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (connection.fd < 0) return fail(index, systemError("socket", errno));
    const int on = 1;
    setsockopt(connection.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (connect(connection.fd, reinterpret_cast<const sockaddr*>(&server_), sizeof server_) != 0 && errno != EINPROGRESS) {
        return fail(index, systemError("connect", errno));
    }
    epoll_event event{};
    event.events = EPOLLOUT;
    event.data.u64 = index;
    if (epoll_ctl(epoll_, EPOLL_CTL_ADD, connection.fd, &event) != 0) return fail(index, systemError("epoll_ctl", errno));
    connection.watchingWrites = true;
}

void LoadConnections::poll(int timeoutMs) {
    std::array<epoll_event, kEventsPerPoll> events{};
    const int count = epoll_wait(epoll_, events.data(), kEventsPerPoll, timeoutMs);
    if (count < 0 && errno != EINTR) throw std::runtime_error(systemError("epoll_wait", errno));
    for (int i = 0; i < count; ++i) {
        const auto index = static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64);
        const auto flags = events[static_cast<std::size_t>(i)].events;
        if (connections_[index].stage == Stage::Connecting) {
            finishConnect(index);
            continue;
        }
        if ((flags & EPOLLOUT) != 0 && connections_[index].stage != Stage::Closed) flush(index);
        if ((flags & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0 && connections_[index].stage != Stage::Closed) readFrom(index);
    }
}

void LoadConnections::finishConnect(std::size_t index) {
    auto& connection = connections_[index];
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
    if (error != 0) return fail(index, systemError("connect", error));
    connection.stage = Stage::Upgrading;
    connection.key = newHandshakeKey(random_);
    const auto& token = workload_.userTokens.empty() ? std::string() : workload_.userTokens[workload_.userOf(index)];
    connection.outbound = upgradeRequest(options_.host, options_.port, protocol_.upgradeTarget(), connection.key, token);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = index;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.fd, &event);
    connection.watchingWrites = false;
    flush(index);
}

void LoadConnections::readFrom(std::size_t index) {
    while (connections_[index].stage != Stage::Closed) {
        const ssize_t got = recv(connections_[index].fd, readBuffer_.data(), readBuffer_.size(), 0);
        if (got > 0) {
            received(index, std::string_view(readBuffer_.data(), static_cast<std::size_t>(got)));
            if (static_cast<std::size_t>(got) < readBuffer_.size()) return;
        } else if (got == 0) {
            return fail(index, "the server closed the connection");
        } else if (errno == EAGAIN || errno == EINTR) {
            return;
        } else {
            return fail(index, systemError("recv", errno));
        }
    }
}

void LoadConnections::received(std::size_t index, std::string_view bytes) {
    auto& connection = connections_[index];
    if (connection.stage == Stage::Upgrading) return readUpgradeAnswer(index, bytes);
    const bool framed = connection.reader.feed(bytes, [&](const ServerMessage& message) { onMessage(index, message); });
    if (!framed && connections_[index].stage != Stage::Closed) fail(index, "the server sent an invalid frame");
}

void LoadConnections::readUpgradeAnswer(std::size_t index, std::string_view bytes) {
    auto& connection = connections_[index];
    const std::size_t before = connection.responseHead.size();
    connection.responseHead.append(bytes);
    const auto end = connection.responseHead.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (connection.responseHead.size() > kMaxResponseHead) fail(index, "upgrade answer without an end of headers");
        return;
    }
    const auto head = std::string_view(connection.responseHead).substr(0, end + 4);
    if (const auto refusal = upgradeRefusal(head, connection.key); !refusal.empty()) return fail(index, refusal);
    const std::size_t firstFrameByte = end + 4 - before;
    std::string().swap(connection.responseHead);
    connection.stage = Stage::Opening;
    if (protocol_.connectedAtUpgrade()) subscribe(index);
    if (firstFrameByte < bytes.size()) received(index, bytes.substr(firstFrameByte));
}

void LoadConnections::onMessage(std::size_t index, const ServerMessage& message) {
    if (connections_[index].stage == Stage::Closed) return;
    switch (message.opcode) {
        case Opcode::Text: return onText(index, message.payload);
        case Opcode::Ping: return queueFrame(index, Opcode::Pong, message.payload);
        case Opcode::Close: return fail(index, "the server sent a Close frame");
        default: return;
    }
}

void LoadConnections::onText(std::size_t index, std::string_view text) {
    const Incoming incoming = protocol_.classify(text);
    switch (incoming.kind) {
        case Incoming::Kind::Delivered: {
            ++tally_.delivered;
            const auto now = monotonicNanoseconds();
            if (incoming.sendNs > 0 && now >= incoming.sendNs) {
                tally_.latency.record(static_cast<std::uint64_t>(now - incoming.sendNs) / 1000);
            }
            return;
        }
        case Incoming::Kind::Acked: ++tally_.acked; return;
        case Incoming::Kind::Reply: return queueFrame(index, Opcode::Text, incoming.reply);
        case Incoming::Kind::Connected: return subscribe(index);
        case Incoming::Kind::Subscribed:
            if (connections_[index].stage == Stage::Subscribing) {
                connections_[index].stage = Stage::Subscribed;
                ++tally_.subscribed;
                --inHandshake_;
            }
            return;
        case Incoming::Kind::Failed:
            ++tally_.errorAnswers;
            noteError("the server answered: " + std::string(text.substr(0, 300)));
            if (connections_[index].stage != Stage::Subscribed) fail(index, "refused before subscribing");
            return;
        case Incoming::Kind::Ignored: return;
    }
}

void LoadConnections::subscribe(std::size_t index) {
    connections_[index].stage = Stage::Subscribing;
    const auto channel = workload_.channelIds[workload_.channelOf(index)];
    queueFrame(index, Opcode::Text, protocol_.subscribeText(channel));
}

void LoadConnections::sendText(std::size_t connection, std::string_view text) {
    queueFrame(connection, Opcode::Text, text);
}

void LoadConnections::queueFrame(std::size_t index, Opcode opcode, std::string_view payload) {
    const auto bits = random_();
    const realtime::websocket::MaskKey mask{static_cast<std::uint8_t>(bits), static_cast<std::uint8_t>(bits >> 8),
                                            static_cast<std::uint8_t>(bits >> 16), static_cast<std::uint8_t>(bits >> 24)};
    connections_[index].outbound += realtime::websocket::encodeMaskedFrame(opcode, payload, true, mask);
    flush(index);
}

void LoadConnections::flush(std::size_t index) {
    auto& connection = connections_[index];
    while (connection.outboundSent < connection.outbound.size()) {
        const ssize_t sent = send(connection.fd, connection.outbound.data() + connection.outboundSent,
                                  connection.outbound.size() - connection.outboundSent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent > 0) {
            connection.outboundSent += static_cast<std::size_t>(sent);
        } else if (sent < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (errno == EAGAIN) return watchWrites(index, true);
        } else {
            return fail(index, systemError("send", errno));
        }
    }
    connection.outbound.clear();
    connection.outboundSent = 0;
    watchWrites(index, false);
}

void LoadConnections::watchWrites(std::size_t index, bool on) {
    auto& connection = connections_[index];
    if (connection.watchingWrites == on) return;
    epoll_event event{};
    event.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    event.data.u64 = index;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.fd, &event);
    connection.watchingWrites = on;
}

void LoadConnections::fail(std::size_t index, const std::string& reason) {
    auto& connection = connections_[index];
    if (connection.stage == Stage::Closed) return;
    if (connection.stage == Stage::Subscribed) {
        ++tally_.closedAfterOpen;
    } else {
        ++tally_.failedToOpen;
        --inHandshake_;
    }
    noteError("connection " + std::to_string(index) + ": " + reason);
    connection.stage = Stage::Closed;
    if (connection.fd >= 0) close(connection.fd);  // closing also removes it from the epoll set
    connection.fd = -1;
    std::string().swap(connection.outbound);
    connection.outboundSent = 0;
}

void LoadConnections::noteError(const std::string& reason) {
    if (tally_.firstErrors.size() < kErrorsKept) tally_.firstErrors.push_back(reason);
}

}  // namespace ocomms::bench
