// What the hubs of different nodes say to each other on the Redis channel: one JSON object per message,
// {"node", "kind": "publish", "topic", "sequence", "event"}, {"node", "kind": "unsubscribe_user",
// "topic", "user_id"} or {"node", "kind": "close_user", "user_id", "code", "reason"}. `node` lets a hub
// skip its own messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocomms::realtime {

struct FanoutMessage {
    enum class Kind { Publish, UnsubscribeUser, CloseUser };
    Kind kind = Kind::Publish;
    std::string node;
    std::string topic;
    std::int64_t sequence = 0;  ///< Publish
    std::string eventJson;      ///< Publish: the event, serialised
    std::int64_t userId = 0;    ///< UnsubscribeUser, CloseUser
    std::uint16_t code = 0;     ///< CloseUser: the WebSocket close code
    std::string reason;         ///< CloseUser
};

/// `eventJson` must be a serialised JSON object; it is embedded as it is, without being parsed again.
std::string encodePublish(const std::string& node, const std::string& topic, std::string_view eventJson,
                          std::int64_t sequence);
std::string encodeUnsubscribeUser(const std::string& node, std::int64_t userId, const std::string& topic);
std::string encodeCloseUser(const std::string& node, std::int64_t userId, std::uint16_t code, const std::string& reason);
/// Nothing when the payload is not such a message (a field missing or of the wrong type).
std::optional<FanoutMessage> decodeFanoutMessage(std::string_view payload);

}  // namespace ocomms::realtime
