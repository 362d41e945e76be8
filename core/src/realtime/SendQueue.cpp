#include "realtime/SendQueue.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <array>
#include <cerrno>

namespace ocomms::realtime {
namespace {

// Enough frames per system call for fan-out bursts; far below IOV_MAX.
constexpr std::size_t kFramesPerWrite = 64;
// An idle connection should not keep the slot array of the largest burst it ever had.
constexpr std::size_t kRetainedSlots = 16;

}  // namespace

void SendQueue::push(SharedFrame frame) {
    frames_.push_back(std::move(frame));
}

SendQueue::WriteResult SendQueue::writeTo(int fd, std::size_t& bytesWritten) {
    bytesWritten = 0;
    std::array<iovec, kFramesPerWrite> pieces{};
    while (!empty()) {
        std::size_t count = 0;
        for (std::size_t i = head_; i < frames_.size() && count < pieces.size(); ++i, ++count) {
            const std::size_t skip = i == head_ ? frontOffset_ : 0;
            // iovec takes a non-const pointer, but sendmsg only reads from it.
            pieces[count].iov_base = const_cast<char*>(frames_[i]->data() + skip);
            pieces[count].iov_len = frames_[i]->size() - skip;
        }
        msghdr message{};
        message.msg_iov = pieces.data();
        message.msg_iovlen = count;
        const ssize_t sent = ::sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return WriteResult::WouldBlock;
            return WriteResult::Failed;
        }
        bytesWritten += static_cast<std::size_t>(sent);
        advance(static_cast<std::size_t>(sent));
    }
    return WriteResult::Drained;
}

std::size_t SendQueue::dropUnstarted() {
    if (empty()) return 0;
    const std::size_t keep = head_ + (frontOffset_ > 0 ? 1 : 0);
    std::size_t dropped = 0;
    for (std::size_t i = keep; i < frames_.size(); ++i) dropped += frames_[i]->size();
    frames_.resize(keep);
    return dropped;
}

void SendQueue::advance(std::size_t written) {
    while (written > 0) {
        const std::size_t left = frames_[head_]->size() - frontOffset_;
        if (written < left) {
            frontOffset_ += written;
            return;
        }
        written -= left;
        frames_[head_].reset();
        ++head_;
        frontOffset_ = 0;
    }
    if (empty()) {
        head_ = 0;
        if (frames_.capacity() > kRetainedSlots) {
            std::vector<SharedFrame>().swap(frames_);
        } else {
            frames_.clear();
        }
    } else if (head_ >= kRetainedSlots && head_ * 2 >= frames_.size()) {
        frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
}

}  // namespace ocomms::realtime
