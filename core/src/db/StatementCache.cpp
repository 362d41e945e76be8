#include "db/StatementCache.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

namespace ocomms::db {
namespace {

/// SQLite keeps a statement that returned a row running, holding its read (or, with RETURNING, its write)
/// until it is reset; COMMIT then fails with "SQL statements in progress". A kept statement is reset when
/// its caller is done with it. (PostgreSQL has fetched the whole result already.)
void finishRunning(soci::statement& statement, Dialect dialect) {
    if (dialect != Dialect::Sqlite) return;
    // libsoci_sqlite3 exports no type information for a dynamic_cast; the dialect says what it is.
    auto* sqlite = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
    if (sqlite != nullptr && sqlite->stmt_ != nullptr) sqlite_api::sqlite3_reset(sqlite->stmt_);
}

}  // namespace

std::unique_ptr<soci::statement> StatementCache::prepare(soci::session& session, const std::string& sql) {
    auto statement = std::make_unique<soci::statement>(session);
    statement->alloc();
    statement->prepare(sql);
    return statement;
}

PreparedStatement StatementCache::get(soci::session& session, const std::string& sql) {
    auto it = entries_.find(sql);
    if (it == entries_.end() && entries_.size() < capacity_) {
        it = entries_.emplace(sql, Entry{prepare(session, sql), false}).first;
    }
    if (it == entries_.end() || it->second.inUse) {
        if (it == entries_.end()) overflowed_ = true;
        auto once = std::shared_ptr<soci::statement>(prepare(session, sql));
        soci::statement& statement = *once;
        return PreparedStatement(statement, [once = std::move(once)]() mutable { once.reset(); });
    }
    Entry& entry = it->second;
    entry.inUse = true;
    return PreparedStatement(*entry.statement, [&entry, dialect = dialect_] {
        finishRunning(*entry.statement, dialect);
        entry.inUse = false;
    });
}

}  // namespace ocomms::db
