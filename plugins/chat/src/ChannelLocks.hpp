// In-process locks by channel, so that this node publishes the events of one channel in the order of
// their sequence numbers (a message committed second is never published first). A fixed set of striped
// mutexes: channels that share a stripe only wait for each other briefly.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>

namespace ocomms::chat {

class ChannelLocks {
public:
    std::mutex& of(std::int64_t channelId) {
        return stripes_[static_cast<std::size_t>(static_cast<std::uint64_t>(channelId) % stripes_.size())];
    }

private:
    std::array<std::mutex, 64> stripes_;
};

}  // namespace ocomms::chat
