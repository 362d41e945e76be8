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

}  // namespace ocomms::chat
