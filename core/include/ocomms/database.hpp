// Database access for plugins: pooled SOCI sessions, transactions, statements kept prepared, and where the
// database lives.
//
// Always bind values (`soci::use`), never build SQL from input. Write SQL that both dialects accept, or
// branch on dialect(). A session that saw an error is checked (and reconnected) before it is leased again,
// so a database that went away and came back needs no restart.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
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

/// A statement from Database::prepared(): bind it as `session.prepare << sql, use(...), into(...)` would,
/// then execute() and fetch(). When it goes out of scope its bindings are released; the statement stays
/// prepared on its connection for the next caller. Move-only; use it on the thread that holds the session.
class PreparedStatement {
public:
    using Release = std::function<void()>;

    /// For the host: `release` is called once the bindings are cleared.
    PreparedStatement(soci::statement& statement, Release release)
        : statement_(&statement), release_(std::move(release)) {}
    PreparedStatement(PreparedStatement&& other) noexcept
        : statement_(std::exchange(other.statement_, nullptr)), release_(std::move(other.release_)),
          defined_(other.defined_) {}
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;
    PreparedStatement& operator=(PreparedStatement&&) = delete;
    ~PreparedStatement() {
        if (!statement_) return;
        try {
            statement_->bind_clean_up();
        } catch (const std::exception&) {
            // Clearing bindings frees memory only; nothing is left to undo.
        }
        if (release_) release_();
    }

    /// soci::use() and soci::into() values, in the order of the SQL's parameters and columns; may be called
    /// several times before execute().
    template <typename... Bindings>
    PreparedStatement& bind(Bindings&&... bindings) {
        (statement_->exchange(std::forward<Bindings>(bindings)), ...);
        return *this;
    }
    /// With `withDataExchange`, fetches the first row into the into() values; false when there is none.
    bool execute(bool withDataExchange = false) {
        if (!defined_) {
            statement_->define_and_bind();
            defined_ = true;
        }
        return statement_->execute(withDataExchange);
    }
    bool fetch() { return statement_->fetch(); }
    long long affectedRows() { return statement_->get_affected_rows(); }

private:
    soci::statement* statement_;
    Release release_;
    bool defined_ = false;
};

namespace detail {

/// An open transaction that rolls back unless committed.
class OpenTransaction {
public:
    explicit OpenTransaction(soci::session& session) : session_(session) {}
    OpenTransaction(const OpenTransaction&) = delete;
    OpenTransaction& operator=(const OpenTransaction&) = delete;
    ~OpenTransaction() {
        if (!open_) return;
        try {
            session_.rollback();
        } catch (const std::exception&) {
            // A broken connection has nothing left to roll back; the pool checks it before its next lease.
        }
    }
    void commit() {
        session_.commit();
        open_ = false;
    }

private:
    soci::session& session_;
    bool open_ = true;
};

}  // namespace detail

/// Where the database lives, for work that must reach it outside the pool: a tool run as a child process
/// (pg_dump), a copy of the SQLite file. Holds the password: never log it, and never put it on a command
/// line (other users can read those); hand it to a child through its environment (PGPASSWORD).
struct DatabaseLocation {
    Dialect dialect = Dialect::Sqlite;
    std::filesystem::path sqlitePath;  ///< SQLite: the database file, absolute
    std::string host;                  ///< PostgreSQL: the server
    int port = 5432;
    std::string user;
    std::string password;              ///< empty when the URL has none
    std::string dbname;
    std::map<std::string, std::string> options;  ///< further libpq keywords from the URL (sslmode, ...)
};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    /// Waits up to the configured acquire timeout for a connection; throws DatabaseUnavailable.
    virtual PooledSession session() = 0;
    /// Where the pooled connections connect to.
    virtual DatabaseLocation location() const = 0;

    /// The statement for `sql` on `session` (a session this Database leased, directly or in a
    /// transaction), prepared the first time that connection runs it and kept until the connection
    /// closes: parsing and planning cost more than running a simple query. For SQL whose text does not
    /// vary (bind the values); build other SQL with `session.prepare`.
    ///   long long id = 7; std::string name;
    ///   auto query = database.prepared(session, "SELECT name FROM users WHERE id = :id");
    ///   if (query.bind(soci::use(id), soci::into(name)).execute(true)) ...
    virtual PreparedStatement prepared(soci::session& session, const std::string& sql) = 0;

    /// Runs `work(soci::session&)` in one transaction: committed when it returns, rolled back when it
    /// throws. Returns what `work` returns.
    template <typename Work>
    auto transaction(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
        return inTransaction("BEGIN", std::forward<Work>(work));
    }

    /// The same, for work that reads and then writes. On SQLite it begins IMMEDIATE, taking the write
    /// lock before the first read: a deferred transaction that read and then writes after another
    /// connection committed fails with SQLITE_BUSY instead of waiting, and two of them could both act on
    /// the same stale read. On PostgreSQL, lock what you read where it matters (SELECT ... FOR UPDATE,
    /// UPDATE ... RETURNING).
    template <typename Work>
    auto writeTransaction(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
        return inTransaction(dialect() == Dialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN", std::forward<Work>(work));
    }

private:
    template <typename Work>
    auto inTransaction(const char* begin, Work&& work) -> decltype(work(std::declval<soci::session&>())) {
        PooledSession s = session();
        *s << begin;
        detail::OpenTransaction tx(*s);
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
