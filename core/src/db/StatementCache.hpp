// The statements one pooled connection keeps prepared (Database::prepared). Used only by the thread that
// holds the connection; cleared before the connection closes or reconnects, since a statement belongs to
// its connection.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

#include <ocomms/database.hpp>

namespace ocomms::db {

class StatementCache {
public:
    /// At most `capacity` statements are kept; beyond, statements are prepared for one use only.
    StatementCache(std::size_t capacity, Dialect dialect) : capacity_(capacity), dialect_(dialect) {}

    /// The statement kept for `sql`, prepared now if it is new. While it is handed out (a caller still
    /// fetching from it runs the same SQL again), or when the cache is full, a statement for this use only.
    PreparedStatement get(soci::session& session, const std::string& sql);

    /// Finalises every statement; call before the connection closes.
    void clear() { entries_.clear(); }
    std::size_t size() const { return entries_.size(); }
    /// Whether a caller was given a statement for one use only because the cache was full; reported once.
    bool overflowed() const { return overflowed_; }

private:
    struct Entry {
        std::unique_ptr<soci::statement> statement;
        bool inUse = false;
    };

    static std::unique_ptr<soci::statement> prepare(soci::session& session, const std::string& sql);

    std::size_t capacity_;
    Dialect dialect_;
    std::unordered_map<std::string, Entry> entries_;
    bool overflowed_ = false;
};

}  // namespace ocomms::db
