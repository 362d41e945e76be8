// Who connects as whom and listens where. Connections are spread over the channels in equal contiguous
// blocks and the senders evenly over the connections (so over the channels); for OComms each block of
// connectionsPerUser connections shares one user's session, so a user needs only the channels of its
// own block.
#pragma once

#include "LoadOptions.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ocomms::bench {

struct Workload {
    std::size_t connections = 0;
    std::size_t senders = 0;
    std::vector<std::int64_t> channelIds;  ///< the server's id of each channel
    std::vector<std::string> userTokens;   ///< a session token per user; empty where no one signs in
    std::size_t connectionsPerUser = 1;

    std::size_t channelOf(std::size_t connection) const { return connection * channelIds.size() / connections; }
    std::size_t firstConnectionOf(std::size_t channel) const {
        return (channel * connections + channelIds.size() - 1) / channelIds.size();
    }
    std::size_t subscribersOf(std::size_t channel) const {
        return firstConnectionOf(channel + 1) - firstConnectionOf(channel);
    }
    std::size_t connectionOfSender(std::size_t sender) const { return sender * connections / senders; }
    std::size_t userOf(std::size_t connection) const { return connection / connectionsPerUser; }
    std::size_t userCount() const { return (connections + connectionsPerUser - 1) / connectionsPerUser; }
};

/// Channels 1..channels, nobody signed in: the Socket.IO reference needs no accounts.
Workload anonymousWorkload(const LoadOptions& options);

}  // namespace ocomms::bench
