// The `chat_reactions` table: one reaction per user, emoji and message.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Message.hpp"

namespace ocomms::chat {

class ReactionStore {
public:
    ReactionStore(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

    /// False when the user had reacted with this emoji already.
    bool add(std::int64_t messageId, const std::string& emoji, std::int64_t userId, const std::string& at);
    /// False when there was no such reaction.
    bool remove(std::int64_t messageId, const std::string& emoji, std::int64_t userId);
    void removeAll(std::int64_t messageId);
    /// The reactions of each message: emojis in the order they were first used, users in the order they
    /// reacted.
    std::map<std::int64_t, std::vector<Reaction>> forMessages(const std::vector<std::int64_t>& messageIds);

private:
    soci::session& session_;
    Dialect dialect_;
};

}  // namespace ocomms::chat
