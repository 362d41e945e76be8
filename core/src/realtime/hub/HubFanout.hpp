// The link between the hubs of several nodes: what one hub publishes, whom it unsubscribes or closes, reaches
// the hubs of every other node. RedisHubFanout is the implementation; the hub runs without one on a
// single node.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ocomms::realtime {

/// What a fan-out hands to its hub. Called on the fan-out's thread; must not block for long.
class HubFanoutReceiver {
public:
    virtual ~HubFanoutReceiver() = default;
    /// Another node published `eventJson` (a serialised JSON object) to `topic`.
    virtual void remotePublish(const std::string& topic, std::string_view eventJson, std::int64_t sequence) = 0;
    /// Another node unsubscribed the user from the topic.
    virtual void remoteUnsubscribeUser(std::int64_t userId, const std::string& topic) = 0;
    /// Another node closes every connection of the user.
    virtual void remoteCloseUser(std::int64_t userId, std::uint16_t code, const std::string& reason) = 0;
    /// The link was lost and is back: what other nodes sent meanwhile was missed.
    virtual void fanoutGap() = 0;
};

class HubFanout {
public:
    virtual ~HubFanout() = default;

    /// Starts handing other nodes' messages to `receiver`; messages sent by `nodeId` (this node) are
    /// ignored. Throws when the link cannot be set up.
    virtual void start(const std::string& nodeId, HubFanoutReceiver& receiver) = 0;
    /// Sends what is still waiting, then stops receiving. Idempotent; harmless before start().
    virtual void stop() = 0;

    /// Never blocks on the network; the messages of one node reach the others in the order of these calls.
    virtual void publish(const std::string& topic, std::string_view eventJson, std::int64_t sequence) = 0;
    virtual void unsubscribeUser(std::int64_t userId, const std::string& topic) = 0;
    virtual void closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) = 0;
};

}  // namespace ocomms::realtime
