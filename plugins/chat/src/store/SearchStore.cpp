#include "store/SearchStore.hpp"

#include "store/Fts5Query.hpp"
#include "store/MessageColumns.hpp"

namespace ocomms::chat {

std::vector<Message> SearchStore::search(std::int64_t organizationId, std::int64_t userId, const std::string& query,
                                         std::int64_t limit) {
    const long long organization = organizationId, user = userId, rows = limit;
    const std::string visible =
        " JOIN chat_channels c ON c.id = m.channel_id"
        " LEFT JOIN chat_channel_members cm ON cm.channel_id = c.id AND cm.user_id = :user";
    const std::string conditions =
        " AND c.organization_id = :organization AND m.deleted_at IS NULL"
        " AND (c.kind = 'public' OR cm.user_id IS NOT NULL) ORDER BY m.id DESC LIMIT :limit";
    if (dialect_ == Dialect::Sqlite) {
        return selectMessages(session_,
                              std::string("SELECT ") + kMessageColumns +
                                  " FROM chat_messages_fts JOIN chat_messages m ON m.id = chat_messages_fts.rowid" +
                                  visible + " WHERE chat_messages_fts MATCH :query" + conditions,
                              user, fts5Query(query), organization, rows);
    }
    // The expression matches the GIN index chat_messages_search.
    return selectMessages(session_,
                          std::string("SELECT ") + kMessageColumns + " FROM chat_messages m" + visible +
                              " WHERE to_tsvector('simple', m.text) @@ plainto_tsquery('simple', :query)" + conditions,
                          user, query, organization, rows);
}

}  // namespace ocomms::chat
