// A transaction for work that reads and then writes. On SQLite it begins IMMEDIATE, taking the write lock
// before the first read: a DEFERRED transaction that read and then tries to write after another
// connection committed fails with SQLITE_BUSY instead of waiting, and two of them could both act on the
// same stale read. PostgreSQL work locks what it reads where it matters (LOCK TABLE, SELECT ... FOR UPDATE).
#pragma once

#include <ocomms/database.hpp>

namespace ocomms::identity {

class WriteTransaction {
public:
    WriteTransaction(soci::session& session, Dialect dialect);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit();

private:
    soci::session& session_;
    bool open_ = true;
};

/// Runs `work(soci::session&)` in a WriteTransaction on a pooled session; commits when it returns.
template <typename Work>
auto inWriteTransaction(Database& database, Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    PooledSession session = database.session();
    WriteTransaction transaction(*session, database.dialect());
    if constexpr (std::is_void_v<decltype(work(*session))>) {
        work(*session);
        transaction.commit();
    } else {
        auto result = work(*session);
        transaction.commit();
        return result;
    }
}

}  // namespace ocomms::identity
