#include "db/ConnectionPool.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/NativeConnection.hpp"
#include "db/OneLine.hpp"

namespace ocomms::db {
namespace {

constexpr std::chrono::milliseconds kFirstRetryDelay{250};
constexpr std::chrono::milliseconds kLongestRetryDelay{5000};
// A session used this recently is taken to be alive (HikariCP uses the same window): checking every lease
// would add a round trip to every query.
constexpr std::chrono::milliseconds kIdleBeforeCheck{500};
// Statements kept prepared per connection: far more than the SQL texts of the host and its plugins.
constexpr std::size_t kStatementsPerConnection = 256;

// synchronous=FULL: in WAL mode NORMAL survives a crash of the process but may lose the last commits to a
// power loss or an operating-system crash, and an acknowledged message must never be lost.
constexpr const char* kSqlitePragmas[] = {"PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON",
                                          "PRAGMA synchronous=FULL"};

std::size_t checkedSize(int size) {
    if (size < 1) throw std::invalid_argument("a database pool needs at least one connection");
    return static_cast<std::size_t>(size);
}

int toMilliseconds(std::chrono::milliseconds duration) {
    return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(duration.count(), 0,
                                                                       std::numeric_limits<int>::max()));
}

const soci::backend_factory& factoryFor(Dialect dialect) {
    if (dialect == Dialect::Sqlite) return soci::sqlite3;
    return soci::postgresql;
}

/// Throws DatabaseUnavailable: retrying would not help.
void createFolderOf(const std::filesystem::path& sqliteFile) {
    std::error_code error;
    std::filesystem::create_directories(sqliteFile.parent_path(), error);
    if (error) {
        throw DatabaseUnavailable("cannot create the folder of the SQLite database " + sqliteFile.string() + ": " +
                                  error.message());
    }
}

/// Finishes a transaction left open and checks the connection still answers.
bool answers(soci::session& session, Dialect dialect) noexcept {
    try {
        if (insideTransaction(session, dialect)) session.rollback();
        int one = 0;
        session << "SELECT 1", soci::into(one);
        return one == 1;
    } catch (const std::exception&) {
        return false;
    }
}

/// Every position of the pool, held so that opening cannot race with sessions in use.
class WholePool {
public:
    WholePool(soci::connection_pool& pool, std::size_t size, std::chrono::milliseconds timeout) : pool_(pool) {
        for (std::size_t i = 0; i < size; ++i) {
            std::size_t position = 0;
            if (!pool_.try_lease(position, toMilliseconds(timeout))) {
                giveAllBack();
                throw DatabaseUnavailable("database connections stayed in use while opening the pool");
            }
            positions_.push_back(position);
        }
    }
    ~WholePool() { giveAllBack(); }
    WholePool(const WholePool&) = delete;
    WholePool& operator=(const WholePool&) = delete;

    const std::vector<std::size_t>& positions() const { return positions_; }

private:
    void giveAllBack() {
        for (const std::size_t position : positions_) pool_.give_back(position);
        positions_.clear();
    }

    soci::connection_pool& pool_;
    std::vector<std::size_t> positions_;
};

}  // namespace

ConnectionPool::ConnectionPool(DatabaseUrl url, int size, std::chrono::milliseconds acquireTimeout, Logger& logger)
    : url_(std::move(url)), size_(checkedSize(size)), acquireTimeout_(acquireTimeout), logger_(logger),
      pool_(size_), slots_(size_) {
    statements_.reserve(size_);
    for (std::size_t position = 0; position < size_; ++position) {
        statements_.emplace_back(kStatementsPerConnection, url_.dialect);
        positions_.emplace(&pool_.at(position), position);
    }
}

ConnectionPool::~ConnectionPool() = default;

void ConnectionPool::open(std::chrono::milliseconds connectTimeout) {
    const auto deadline = std::chrono::steady_clock::now() + connectTimeout;
    auto delay = kFirstRetryDelay;
    for (;;) {
        try {
            connectEveryFreeSession();
            return;
        } catch (const DatabaseUnavailable&) {
            throw;
        } catch (const std::exception& e) {
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline) {
                throw DatabaseUnavailable("cannot connect to the database at " + url_.endpoint() + " within " +
                                          std::to_string(connectTimeout.count()) + "ms: " + oneLine(e.what()));
            }
            const auto wait = std::min<std::chrono::steady_clock::duration>(delay, deadline - now);
            logger_.warn("database at " + url_.endpoint() + " not reachable (" + oneLine(e.what()) +
                         "); retrying in " + std::to_string(std::chrono::ceil<std::chrono::milliseconds>(wait).count()) +
                         "ms");
            std::this_thread::sleep_for(wait);
            delay = std::min(delay * 2, kLongestRetryDelay);
        }
    }
}

void ConnectionPool::connectEveryFreeSession() {
    const WholePool whole(pool_, size_, acquireTimeout_);
    for (const std::size_t position : whole.positions()) {
        soci::session& session = pool_.at(position);
        if (session.get_backend() == nullptr) connect(session);
    }
}

void ConnectionPool::connect(soci::session& session) {
    if (url_.dialect == Dialect::Sqlite) createFolderOf(url_.sqlitePath);
    session.open(factoryFor(url_.dialect), url_.connectString());
    routeNoticesTo(session, url_.dialect, logger_);
    if (url_.dialect != Dialect::Sqlite) return;
    try {
        for (const char* pragma : kSqlitePragmas) session << pragma;
        std::string journalMode;
        session << "PRAGMA journal_mode=WAL", soci::into(journalMode);
        if (journalMode != "wal") {
            logger_.warn("SQLite database " + url_.endpoint() + " stays in journal mode '" + journalMode +
                         "' instead of WAL: readers will wait for writers");
        }
    } catch (...) {
        session.close();
        throw;
    }
}

Dialect ConnectionPool::dialect() const { return url_.dialect; }

DatabaseLocation ConnectionPool::location() const { return url_.location(); }

PooledSession ConnectionPool::session() {
    std::size_t position = 0;
    if (!pool_.try_lease(position, toMilliseconds(acquireTimeout_))) {
        throw DatabaseUnavailable("no database connection free within " + std::to_string(acquireTimeout_.count()) +
                                  "ms");
    }
    try {
        makeUsable(position);
    } catch (...) {
        pool_.give_back(position);
        throw;
    }
    return PooledSession(pool_.at(position), [this, position](bool sawError) { giveBack(position, sawError); });
}

void ConnectionPool::makeUsable(std::size_t position) {
    soci::session& session = pool_.at(position);
    if (session.get_backend() == nullptr) {
        reconnect(position);
        setSuspect(position, false);
        return;
    }
    const bool check = needsCheck(position);
    // A server that went away closed the socket (seen without a round trip); is_connected() asks the
    // server itself, at the cost of a round trip, so only for a session that erred or sat idle.
    const bool lost = peerHasClosed(session, url_.dialect) ||
                      (check && url_.dialect == Dialect::Postgres && !session.is_connected());
    const bool unfinished = !lost && insideTransaction(session, url_.dialect);
    if (!lost && !unfinished && !check) return;
    if (unfinished) logger_.warn("a database session came back inside an unfinished transaction; rolling it back");
    if (lost || !answers(session, url_.dialect)) {
        setSuspect(position, true);
        logger_.warn("a connection to the database at " + url_.endpoint() + " broke; reconnecting");
        reconnect(position);
    }
    setSuspect(position, false);
}

void ConnectionPool::reconnect(std::size_t position) {
    soci::session& session = pool_.at(position);
    try {
        statements_[position].clear();
        session.close();
        connect(session);
    } catch (const std::exception& e) {
        throw DatabaseUnavailable("database at " + url_.endpoint() + " is unavailable: " + oneLine(e.what()));
    }
}

void ConnectionPool::giveBack(std::size_t position, bool sawError) noexcept {
    {
        const std::lock_guard lock(slotsMutex_);
        slots_[position].suspect = slots_[position].suspect || sawError;
        slots_[position].givenBack = std::chrono::steady_clock::now();
    }
    pool_.give_back(position);
}

bool ConnectionPool::needsCheck(std::size_t position) {
    const std::lock_guard lock(slotsMutex_);
    const Slot& slot = slots_[position];
    const bool idle = std::chrono::steady_clock::now() - slot.givenBack > kIdleBeforeCheck;
    return slot.suspect || (url_.dialect == Dialect::Postgres && idle);
}

void ConnectionPool::setSuspect(std::size_t position, bool suspect) {
    const std::lock_guard lock(slotsMutex_);
    slots_[position].suspect = suspect;
}

PreparedStatement ConnectionPool::prepared(soci::session& session, const std::string& sql) {
    const auto it = positions_.find(&session);
    if (it == positions_.end()) throw std::invalid_argument("prepared(): the session is not one of this database's");
    StatementCache& cache = statements_[it->second];
    auto statement = cache.get(session, sql);
    if (cache.overflowed() && !warnedFullCache_.exchange(true)) {
        logger_.warn("a database connection keeps " + std::to_string(cache.size()) +
                     " prepared statements, its most; further SQL is prepared for each use (does a plugin pass "
                     "varying SQL text to prepared()?)");
    }
    return statement;
}

void ConnectionPool::ping() {
    PooledSession leased = session();
    try {
        int one = 0;
        *leased << "SELECT 1", soci::into(one);
    } catch (const soci::soci_error& e) {
        throw DatabaseUnavailable("database at " + url_.endpoint() + " did not answer: " + oneLine(e.what()));
    }
}

}  // namespace ocomms::db
