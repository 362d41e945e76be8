// The client end of a real socket for the ConnectionLoops tests: sends masked frames as a browser would,
// and reads the server's unmasked frames (the codec's FrameParser only parses client frames).
#pragma once

#include "realtime/websocket/Frame.hpp"
#include "realtime/websocket/FrameWriter.hpp"
#include "support/ServerFrameReader.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ocomms::realtime::test {

using websocket::Opcode;

inline constexpr std::chrono::milliseconds kAntiHang{10000};
inline constexpr websocket::MaskKey kClientMask{0x12, 0x34, 0x56, 0x78};

using ServerFrame = ocomms::test::ReceivedFrame;

/// A connected pair: `serverFd` goes to ConnectionLoops::adopt, the test drives `client`.
class TestWebSocketClient {
public:
    explicit TestWebSocketClient(int fd) : fd_(fd) {}
    ~TestWebSocketClient() { closeSocket(); }
    TestWebSocketClient(TestWebSocketClient&& other) noexcept : fd_(std::exchange(other.fd_, -1)), reader_(std::move(other.reader_)) {}
    TestWebSocketClient(const TestWebSocketClient&) = delete;
    TestWebSocketClient& operator=(const TestWebSocketClient&) = delete;
    TestWebSocketClient& operator=(TestWebSocketClient&&) = delete;

    int fd() const { return fd_; }

    void sendRaw(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent < 0 && errno == EINTR) continue;
            ASSERT_GT(sent, 0) << "client send failed: errno " << errno;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
    }

    void sendFrame(Opcode opcode, std::string_view payload, bool fin = true) {
        sendRaw(websocket::encodeMaskedFrame(opcode, payload, fin, kClientMask));
    }

    void sendClose(std::uint16_t code) {
        const std::string payload{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
        sendFrame(Opcode::Close, payload);
    }

    /// The answer to the server's close frame; the server may already have closed the socket after a
    /// protocol error, so a failed send is fine here.
    void answerClose(std::uint16_t code) {
        const std::string payload{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
        const std::string frame = websocket::encodeMaskedFrame(Opcode::Close, payload, true, kClientMask);
        [[maybe_unused]] const ssize_t sent = ::send(fd_, frame.data(), frame.size(), MSG_NOSIGNAL);
    }

    /// The next whole frame, or nothing when the server closed the socket or nothing came in time.
    std::optional<ServerFrame> readFrame(std::chrono::milliseconds timeout = kAntiHang) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            if (auto frame = reader_.next()) return frame;
            if (!receiveSome(deadline)) return std::nullopt;
        }
    }

    /// Reads (and drops) until the server closes the socket. False if it did not within the timeout.
    bool waitForEndOfStream(std::chrono::milliseconds timeout = kAntiHang) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (receiveSome(deadline)) reader_ = {};
        return endOfStream_;
    }

    void closeSocket() {
        if (fd_ >= 0) ::close(std::exchange(fd_, -1));
    }

    /// Closes with an RST instead of a FIN (TCP only): the peer that vanishes.
    void reset() {
        const linger abort{1, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        closeSocket();
    }

private:
    bool receiveSome(std::chrono::steady_clock::time_point deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd readable{fd_, POLLIN, 0};
        if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) return false;
        char chunk[65536];
        const ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
        if (received <= 0) {
            endOfStream_ = true;
            return false;
        }
        reader_.append(std::string_view(chunk, static_cast<std::size_t>(received)));
        return true;
    }

    int fd_;
    ocomms::test::ServerFrameReader reader_;
    bool endOfStream_ = false;
};

/// A connected AF_UNIX stream pair: {server end, client}.
inline std::pair<int, TestWebSocketClient> unixSocketPair() {
    int fds[2] = {-1, -1};
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    return {fds[0], TestWebSocketClient(fds[1])};
}

/// A connected TCP pair over loopback: {server end, client}.
inline std::pair<int, TestWebSocketClient> tcpLoopbackPair() {
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(listener, 1), 0);
    EXPECT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    EXPECT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    const int server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    ::close(listener);
    return {server, TestWebSocketClient(client)};
}

}  // namespace ocomms::realtime::test
