#include "support/TcpProxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>


namespace ocomms::test {
namespace {

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
    acceptor_ = std::thread([this] { acceptLoop(); });
}

TcpProxy::~TcpProxy() {
    stopping_ = true;
    listener_.shutdown();
    acceptor_.join();
    cut();
    for (std::thread& forwarder : forwarders_) forwarder.join();
}

void TcpProxy::cut() {
    cut_ = true;
    const std::lock_guard lock(mutex_);
    for (const int fd : open_) ::shutdown(fd, SHUT_RDWR);  // the forwarder sees the end and closes them
}

void TcpProxy::restore() { cut_ = false; }

void TcpProxy::acceptLoop() {
    while (!stopping_) {
        const int client = listener_.accept();
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
