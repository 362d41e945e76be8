#include "store/MentionStore.hpp"

#include "store/IdList.hpp"

namespace ocomms::chat {

void MentionStore::replace(std::int64_t messageId, const std::vector<std::int64_t>& userIds) {
    const long long message = messageId;
    session_ << "DELETE FROM chat_mentions WHERE message_id = :message", soci::use(message);
    for (const auto userId : userIds) {
        const long long user = userId;
        session_ << "INSERT INTO chat_mentions (message_id, user_id) VALUES (:message, :user)", soci::use(message),
            soci::use(user);
    }
}

std::map<std::int64_t, std::vector<std::int64_t>> MentionStore::forMessages(const std::vector<std::int64_t>& messageIds) {
    return idsByKey(session_, dialect_, "chat_mentions", "message_id", "user_id", messageIds);
}

}  // namespace ocomms::chat
