// What the hubs of different nodes say to each other on the Redis channel: one JSON object per message,
// {"node", "kind": "publish", "topic", "sequence", "event"} or {"node", "kind": "unsubscribe_user",
// "topic", "user_id"}. `node` lets a hub skip its own messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocomms::realtime {

struct FanoutMessage {
    enum class Kind { Publish, UnsubscribeUser };
    Kind kind = Kind::Publish;
    std::string node;
    std::string topic;
    std::int64_t sequence = 0;  ///< Publish
    std::string eventJson;      ///< Publish: the event, serialised
    std::int64_t userId = 0;    ///< UnsubscribeUser
};

/// `eventJson` must be a serialised JSON object; it is embedded as it is, without being parsed again.
std::string encodePublish(const std::string& node, const std::string& topic, std::string_view eventJson,
                          std::int64_t sequence);
std::string encodeUnsubscribeUser(const std::string& node, std::int64_t userId, const std::string& topic);
/// Nothing when the payload is not such a message (a field missing or of the wrong type).
std::optional<FanoutMessage> decodeFanoutMessage(std::string_view payload);

}  // namespace ocomms::realtime
