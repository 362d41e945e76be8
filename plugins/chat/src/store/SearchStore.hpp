// Full-text search of message text: PostgreSQL's text search ('simple' configuration, GIN index) or
// SQLite's FTS5 index kept in step by triggers. Both match messages that contain every word asked for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Message.hpp"

namespace ocomms::chat {

class SearchStore {
public:
    SearchStore(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

    /// Messages of the organization's channels that the user can see (public ones, and those they are a
    /// member of), not deleted, containing every word of `query`; newest first.
    std::vector<Message> search(std::int64_t organizationId, std::int64_t userId, const std::string& query,
                                std::int64_t limit);

private:
    soci::session& session_;
    Dialect dialect_;
};

}  // namespace ocomms::chat
