// A user's search words as an SQLite FTS5 query.
#pragma once

#include <string>
#include <string_view>

namespace ocomms::chat {

/// The words of `text` as an FTS5 query that cannot be a syntax error: each whitespace-separated term
/// quoted as a string (a `"` inside written twice), so that `"`, `NEAR(`, `AND`, `*` or `-` are only
/// text. Quoted terms side by side must all occur, as with PostgreSQL's plainto_tsquery.
std::string fts5Query(std::string_view text);

}  // namespace ocomms::chat
