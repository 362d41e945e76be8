// A message with its thread summary, reactions and mentions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ocomms::chat {

struct Reaction {
    std::string emoji;
    std::vector<std::int64_t> userIds;  ///< in the order they reacted
};

struct Message {
    std::int64_t id = 0;
    std::int64_t channelId = 0;
    std::int64_t seq = 0;  ///< 1, 2, 3... within the channel, in commit order
    std::int64_t authorId = 0;
    std::string text;  ///< empty once deleted
    std::optional<std::string> clientId;
    std::optional<std::int64_t> parentId;  ///< set for a reply in a thread
    std::int64_t replyCount = 0;
    std::optional<std::string> lastReplyAt;
    std::string createdAt;
    std::optional<std::string> editedAt;
    std::optional<std::string> deletedAt;
    std::vector<Reaction> reactions;
    std::vector<std::int64_t> mentions;  ///< users mentioned with @name, ascending

    bool deleted() const { return deletedAt.has_value(); }
};

}  // namespace ocomms::chat
