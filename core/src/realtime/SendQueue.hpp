// The frames waiting to be written to one socket, and how far the first of them has been written.
#pragma once

#include "realtime/ConnectionLoops.hpp"

#include <cstddef>
#include <vector>

namespace ocomms::realtime {

class SendQueue {
public:
    enum class WriteResult { Drained, WouldBlock, Failed };

    void push(SharedFrame frame);

    /// Writes until the queue is empty or the socket is full. `bytesWritten` receives what went out;
    /// on Failed, errno tells why.
    WriteResult writeTo(int fd, std::size_t& bytesWritten);

    /// Drops every frame not yet started (a started one must finish, or the peer loses the framing).
    /// Returns the bytes dropped.
    std::size_t dropUnstarted();

    bool empty() const { return head_ == frames_.size(); }

private:
    void advance(std::size_t written);

    std::vector<SharedFrame> frames_;
    std::size_t head_ = 0;         // frames before head_ are sent and already released
    std::size_t frontOffset_ = 0;  // bytes of frames_[head_] already sent
};

}  // namespace ocomms::realtime
