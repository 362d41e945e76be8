// "This column is one of these ids" as SQL with a single bound parameter, whatever the number of ids:
// SQLite reads the ids from a JSON array (json_each), PostgreSQL from an array literal. One statement
// then serves a page of 200 messages instead of 200 statements; idsByKey() is the common such query.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <ocomms/database.hpp>

namespace ocomms::chat {

struct IdList {
    std::string condition;  ///< e.g. "r.message_id IN (SELECT value FROM json_each(:ids))"
    std::string bound;      ///< the value to bind to the parameter
};

IdList idList(Dialect dialect, const std::string& column, const std::string& parameter,
              const std::vector<std::int64_t>& ids);

/// The `valueColumn` ids of the rows of `table` whose `keyColumn` is one of `keys`, by key, ascending
/// (e.g. the members of some channels, the users some messages mention).
std::map<std::int64_t, std::vector<std::int64_t>> idsByKey(soci::session& session, Dialect dialect,
                                                            const std::string& table, const std::string& keyColumn,
                                                            const std::string& valueColumn,
                                                            const std::vector<std::int64_t>& keys);

}  // namespace ocomms::chat
