// A TCP forwarder on a loopback port to a real service, which a test can cut and restore: an outage of
// the shared service (Redis) for one test, without stopping it under the others.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/LoopbackListener.hpp"

namespace ocomms::test {

class TcpProxy {
public:
    TcpProxy(std::string targetHost, std::uint16_t targetPort);
    ~TcpProxy();
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    std::uint16_t port() const { return listener_.port(); }

    /// Drops every forwarded connection and refuses new ones (they are accepted and closed at once).
    void cut();
    /// Forwards new connections again.
    void restore();

private:
    void acceptLoop();
    void forward(int client, int upstream);

    std::string targetHost_;
    std::uint16_t targetPort_;
    LoopbackListener listener_;
    std::atomic<bool> cut_{false};
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::set<int> open_;  ///< both ends of every forwarded connection
    std::vector<std::thread> forwarders_;
    std::thread acceptor_;
};

}  // namespace ocomms::test
