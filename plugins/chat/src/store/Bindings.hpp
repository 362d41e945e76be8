// Adds soci::use() and soci::into() bindings to a query built with `session.prepare << sql` or to a
// statement kept prepared (Database::prepared), so that a table's column list is written once for both.
#pragma once

#include <type_traits>
#include <utility>

#include <ocomms/database.hpp>

namespace ocomms::chat {

template <typename Query, typename... Bindings>
void addBindings(Query& query, Bindings&&... bindings) {
    if constexpr (std::is_same_v<Query, PreparedStatement>) {
        query.bind(std::forward<Bindings>(bindings)...);
    } else {
        (query, ..., std::forward<Bindings>(bindings));
    }
}

}  // namespace ocomms::chat
