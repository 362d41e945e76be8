#include "store/MessageDetails.hpp"

#include "store/MentionStore.hpp"
#include "store/ReactionStore.hpp"

namespace ocomms::chat {

void loadDetails(soci::session& session, Dialect dialect, std::vector<Message>& messages) {
    std::vector<std::int64_t> ids;
    for (const auto& message : messages) ids.push_back(message.id);
    auto reactions = ReactionStore(session, dialect).forMessages(ids);
    auto mentions = MentionStore(session, dialect).forMessages(ids);
    for (auto& message : messages) {
        if (auto it = reactions.find(message.id); it != reactions.end()) message.reactions = std::move(it->second);
        if (auto it = mentions.find(message.id); it != mentions.end()) message.mentions = std::move(it->second);
    }
}

Message withDetails(soci::session& session, Dialect dialect, Message message) {
    std::vector<Message> one{std::move(message)};
    loadDetails(session, dialect, one);
    return std::move(one.front());
}

}  // namespace ocomms::chat
