// Database access for plugins: pooled SOCI sessions and transactions.
//
// Always bind values (`soci::use`), never build SQL from input. Write SQL that both dialects accept, or
// branch on dialect(). A session that saw an error is checked (and reconnected) before it is leased again,
// so a database that went away and came back needs no restart.
#pragma once

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include <soci/soci.h>

#include <ocomms/visibility.hpp>

namespace ocomms {

enum class Dialect { Sqlite, Postgres };

/// Thrown when no connection can be had: the pool is exhausted past its wait, or the server is down.
class OCOMMS_VISIBLE DatabaseUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A session leased from the pool; given back when destroyed. Move-only.
class PooledSession {
public:
    using GiveBack = std::function<void(bool sawError)>;

    PooledSession(soci::session& session, GiveBack giveBack)
        : session_(&session), giveBack_(std::move(giveBack)), uncaught_(std::uncaught_exceptions()) {}
    PooledSession(PooledSession&& other) noexcept
        : session_(std::exchange(other.session_, nullptr)), giveBack_(std::move(other.giveBack_)),
          uncaught_(other.uncaught_) {}
    PooledSession(const PooledSession&) = delete;
    PooledSession& operator=(const PooledSession&) = delete;
    PooledSession& operator=(PooledSession&&) = delete;
    ~PooledSession() {
        // Given back while an exception unwinds: the connection may be broken, so the pool checks it
        // before the next lease.
        if (session_) giveBack_(std::uncaught_exceptions() > uncaught_);
    }

    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }

private:
    soci::session* session_;
    GiveBack giveBack_;
    int uncaught_;
};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    /// Waits up to the configured acquire timeout for a connection; throws DatabaseUnavailable.
    virtual PooledSession session() = 0;

    /// Runs `work(soci::session&)` in one transaction: committed when it returns, rolled back when it
    /// throws. Returns what `work` returns.
    template <typename Work>
    auto transaction(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
        PooledSession s = session();
        soci::transaction tx(*s);
        if constexpr (std::is_void_v<decltype(work(*s))>) {
            work(*s);
            tx.commit();
        } else {
            auto result = work(*s);
            tx.commit();
            return result;
        }
    }
};

}  // namespace ocomms
