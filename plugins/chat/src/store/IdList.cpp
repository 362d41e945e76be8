#include "store/IdList.hpp"

namespace ocomms::chat {

IdList idList(Dialect dialect, const std::string& column, const std::string& parameter,
              const std::vector<std::int64_t>& ids) {
    std::string joined;
    for (const auto id : ids) {
        if (!joined.empty()) joined += ',';
        joined += std::to_string(id);
    }
    if (dialect == Dialect::Sqlite) {
        return {column + " IN (SELECT value FROM json_each(:" + parameter + "))", "[" + joined + "]"};
    }
    return {column + " = ANY(CAST(:" + parameter + " AS BIGINT[]))", "{" + joined + "}"};
}

std::map<std::int64_t, std::vector<std::int64_t>> idsByKey(soci::session& session, Dialect dialect,
                                                            const std::string& table, const std::string& keyColumn,
                                                            const std::string& valueColumn,
                                                            const std::vector<std::int64_t>& keys) {
    std::map<std::int64_t, std::vector<std::int64_t>> result;
    if (keys.empty()) return result;
    const auto list = idList(dialect, keyColumn, "keys", keys);
    long long key = 0, value = 0;
    soci::statement statement =
        (session.prepare << "SELECT " + keyColumn + ", " + valueColumn + " FROM " + table + " WHERE " +
                                list.condition + " ORDER BY " + keyColumn + ", " + valueColumn,
         soci::use(list.bound), soci::into(key), soci::into(value));
    statement.execute();
    while (statement.fetch()) result[key].push_back(value);
    return result;
}

}  // namespace ocomms::chat
