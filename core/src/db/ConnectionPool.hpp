// The SOCI connection pool behind ocomms::Database.
#pragma once

#include <atomic>
#include <chrono>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <vector>

#include <soci/connection-pool.h>

#include <ocomms/database.hpp>
#include <ocomms/logger.hpp>

#include "db/DatabaseUrl.hpp"
#include "db/StatementCache.hpp"

namespace ocomms::db {

class ConnectionPool final : public Database {
public:
    ConnectionPool(DatabaseUrl url, int size, std::chrono::milliseconds acquireTimeout, Logger& logger);
    ~ConnectionPool() override;

    /// Opens every connection. An unreachable server is retried with exponential backoff (0.25 s doubling
    /// to 5 s) until `connectTimeout` has passed; then throws DatabaseUnavailable naming the endpoint
    /// (host and port, never the password) and the last error. SQLite: creates the file's folder, and
    /// sets WAL, foreign keys and a busy timeout on every connection.
    void open(std::chrono::milliseconds connectTimeout);

    Dialect dialect() const override;
    DatabaseLocation location() const override;
    /// A session that was given back while an exception unwound is checked with `SELECT 1` and
    /// reconnected if needed before it is handed out again; if reconnecting fails, DatabaseUnavailable.
    PooledSession session() override;

    /// Kept per connection, cleared when it reconnects. Throws std::invalid_argument for a session that is
    /// not one of this pool's.
    PreparedStatement prepared(soci::session& session, const std::string& sql) override;

    /// Runs `SELECT 1`; throws DatabaseUnavailable (or soci_error) when the database does not answer.
    void ping();

    const DatabaseUrl& url() const { return url_; }

private:
    /// Makes the leased session at `position` fit to hand out; throws DatabaseUnavailable.
    void makeUsable(std::size_t position);
    void giveBack(std::size_t position, bool sawError) noexcept;
    /// Closes and opens the connection at `position` again, dropping its prepared statements; throws
    /// DatabaseUnavailable naming the endpoint.
    void reconnect(std::size_t position);
    /// Opens the connection and, for SQLite, sets its pragmas. Throws what SOCI throws.
    void connect(soci::session& session);
    void connectEveryFreeSession();
    /// Whether the session must be checked before it is handed out: it saw an error, or (PostgreSQL) it
    /// sat idle long enough for the server to have dropped it unnoticed.
    bool needsCheck(std::size_t position);
    void setSuspect(std::size_t position, bool suspect);

    DatabaseUrl url_;
    std::size_t size_;
    std::chrono::milliseconds acquireTimeout_;
    Logger& logger_;
    soci::connection_pool pool_;
    struct Slot {
        bool suspect = false;  ///< given back while an exception unwound
        std::chrono::steady_clock::time_point givenBack{};
    };
    std::mutex slotsMutex_;
    std::vector<Slot> slots_;  ///< per pool position
    /// Per pool position; touched only by the thread that leased it. Declared after pool_ so that the
    /// statements are finalised before their connections close.
    std::vector<StatementCache> statements_;
    std::unordered_map<const soci::session*, std::size_t> positions_;  ///< fixed after construction
    std::atomic<bool> warnedFullCache_{false};
};

}  // namespace ocomms::db
