// The `chat_mentions` table: which users a message mentions.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

namespace ocomms::chat {

class MentionStore {
public:
    MentionStore(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

    /// Replaces the message's mentions with `userIds`.
    void replace(std::int64_t messageId, const std::vector<std::int64_t>& userIds);
    /// The mentioned users of each message, ascending.
    std::map<std::int64_t, std::vector<std::int64_t>> forMessages(const std::vector<std::int64_t>& messageIds);

private:
    soci::session& session_;
    Dialect dialect_;
};

}  // namespace ocomms::chat
