// What SOCI does not offer, done on the session's own SQLite or libpq connection.
#pragma once

#include <stdexcept>
#include <string>

#include <soci/soci.h>

#include <ocomms/database.hpp>
#include <ocomms/logger.hpp>

namespace ocomms::db {

class NativeSqlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Runs SQL that may hold several statements (SOCI's SQLite backend prepares only the first). Never
/// use it with values from input: nothing is bound. Throws NativeSqlError with the database's message.
void executeScript(soci::session& session, Dialect dialect, const std::string& sql);

/// PostgreSQL: true when the server has closed the connection or sent it something while it sat idle
/// (which, between statements, is a termination notice): a poll of the socket, no round trip. SQLite:
/// false.
bool peerHasClosed(soci::session& session, Dialect dialect);

/// True while the connection is inside a transaction nobody finished.
bool insideTransaction(soci::session& session, Dialect dialect);

/// PostgreSQL: hands the server's notices and warnings to `logger` (which must outlive the connection)
/// instead of libpq's default, stderr. SQLite has none.
void routeNoticesTo(soci::session& session, Dialect dialect, Logger& logger);

}  // namespace ocomms::db
