#include "support/TcpProxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace ocomms::test {
namespace {

sockaddr_in loopbackAddress(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

/// Writes all of `bytes`; false when the peer is gone.
bool writeAll(int fd, const char* bytes, std::size_t size) {
    while (size > 0) {
        const ssize_t written = ::send(fd, bytes, size, MSG_NOSIGNAL);
        if (written <= 0) return false;
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

}  // namespace

TcpProxy::TcpProxy(std::string targetHost, std::uint16_t targetPort)
    : targetHost_(std::move(targetHost)), targetPort_(targetPort) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopbackAddress(0);
    socklen_t length = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("tcp proxy: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { acceptLoop(); });
}

TcpProxy::~TcpProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
    acceptor_.join();
    cut();
    for (std::thread& forwarder : forwarders_) forwarder.join();
    ::close(listener_);
}

void TcpProxy::cut() {
    cut_ = true;
    const std::lock_guard lock(mutex_);
    for (const int fd : open_) ::shutdown(fd, SHUT_RDWR);  // the forwarder sees the end and closes them
}

void TcpProxy::restore() { cut_ = false; }

void TcpProxy::acceptLoop() {
    while (!stopping_) {
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (stopping_) return;
            continue;
        }
        if (cut_) {
            ::close(client);
            continue;
        }
        const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in target{};
        target.sin_family = AF_INET;
        target.sin_port = htons(targetPort_);
        ::inet_pton(AF_INET, targetHost_.c_str(), &target.sin_addr);
        if (::connect(upstream, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
            ::close(upstream);
            ::close(client);
            continue;
        }
        const std::lock_guard lock(mutex_);
        open_.insert(client);
        open_.insert(upstream);
        forwarders_.emplace_back([this, client, upstream] { forward(client, upstream); });
    }
}

void TcpProxy::forward(int client, int upstream) {
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    char buffer[16384];
    bool open = true;
    while (open) {
        if (::poll(fds, 2, -1) < 0) break;
        for (int i = 0; i < 2 && open; ++i) {
            if (fds[i].revents == 0) continue;
            const ssize_t received = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            open = received > 0 && writeAll(fds[1 - i].fd, buffer, static_cast<std::size_t>(received));
        }
    }
    const std::lock_guard lock(mutex_);
    open_.erase(client);
    open_.erase(upstream);
    ::close(client);
    ::close(upstream);
}

}  // namespace ocomms::test
