#include "store/ReactionStore.hpp"

#include <algorithm>

#include "store/IdList.hpp"

namespace ocomms::chat {

bool ReactionStore::add(std::int64_t messageId, const std::string& emoji, std::int64_t userId, const std::string& at) {
    const long long message = messageId, user = userId;
    soci::statement statement =
        (session_.prepare << "INSERT INTO chat_reactions (message_id, emoji, user_id, created_at)"
                             " VALUES (:message, :emoji, :user, :at) ON CONFLICT (message_id, emoji, user_id) DO NOTHING",
         soci::use(message), soci::use(emoji), soci::use(user), soci::use(at));
    statement.execute(true);
    return statement.get_affected_rows() > 0;
}

bool ReactionStore::remove(std::int64_t messageId, const std::string& emoji, std::int64_t userId) {
    const long long message = messageId, user = userId;
    soci::statement statement =
        (session_.prepare << "DELETE FROM chat_reactions WHERE message_id = :message AND emoji = :emoji AND user_id = :user",
         soci::use(message), soci::use(emoji), soci::use(user));
    statement.execute(true);
    return statement.get_affected_rows() > 0;
}

void ReactionStore::removeAll(std::int64_t messageId) {
    const long long message = messageId;
    session_ << "DELETE FROM chat_reactions WHERE message_id = :message", soci::use(message);
}

std::map<std::int64_t, std::vector<Reaction>> ReactionStore::forMessages(const std::vector<std::int64_t>& messageIds) {
    std::map<std::int64_t, std::vector<Reaction>> reactions;
    if (messageIds.empty()) return reactions;
    const auto list = idList(dialect_, "message_id", "ids", messageIds);
    long long messageId = 0, userId = 0;
    std::string emoji;
    soci::statement statement =
        (session_.prepare << "SELECT message_id, emoji, user_id FROM chat_reactions WHERE " + list.condition +
                                 " ORDER BY message_id, created_at, user_id",
         soci::use(list.bound), soci::into(messageId), soci::into(emoji), soci::into(userId));
    statement.execute();
    while (statement.fetch()) {
        auto& ofMessage = reactions[messageId];
        auto it = std::find_if(ofMessage.begin(), ofMessage.end(), [&](const Reaction& r) { return r.emoji == emoji; });
        if (it == ofMessage.end()) it = ofMessage.insert(ofMessage.end(), Reaction{emoji, {}});
        it->userIds.push_back(userId);
    }
    return reactions;
}

}  // namespace ocomms::chat
