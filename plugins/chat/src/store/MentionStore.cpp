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
    std::map<std::int64_t, std::vector<std::int64_t>> mentions;
    if (messageIds.empty()) return mentions;
    const auto list = idList(dialect_, "message_id", "ids", messageIds);
    long long messageId = 0, userId = 0;
    soci::statement statement =
        (session_.prepare << "SELECT message_id, user_id FROM chat_mentions WHERE " + list.condition +
                                 " ORDER BY message_id, user_id",
         soci::use(list.bound), soci::into(messageId), soci::into(userId));
    statement.execute();
    while (statement.fetch()) mentions[messageId].push_back(userId);
    return mentions;
}

}  // namespace ocomms::chat
