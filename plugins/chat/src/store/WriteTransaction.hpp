// A transaction for work that reads and then writes. On SQLite it begins IMMEDIATE, taking the write lock
// before the first read: a deferred transaction that read and then writes after another connection
// committed fails with SQLITE_BUSY instead of waiting for the lock. PostgreSQL work locks the rows it
// depends on (UPDATE ... RETURNING on the channel row serialises the writers of one channel).
#pragma once

#include <type_traits>
#include <utility>

#include <ocomms/database.hpp>

namespace ocomms::chat {

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

}  // namespace ocomms::chat
