// A listening TCP socket on 127.0.0.1, on a port the system picked, for tests that play a server.
#pragma once

#include <cstdint>

namespace ocomms::test {

class LoopbackListener {
public:
    /// Throws std::runtime_error when it cannot listen.
    explicit LoopbackListener(int backlog = 16);
    ~LoopbackListener();
    LoopbackListener(const LoopbackListener&) = delete;
    LoopbackListener& operator=(const LoopbackListener&) = delete;

    std::uint16_t port() const { return port_; }
    /// The next connection (close-on-exec), or -1 once shut down.
    int accept() const;
    /// Wakes a blocked accept(), which then returns -1.
    void shutdown() const;

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace ocomms::test
