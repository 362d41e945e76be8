#include "db/NativeConnection.hpp"

#include <poll.h>

#include <memory>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "db/OneLine.hpp"

namespace ocomms::db {
namespace {

sqlite_api::sqlite3* sqliteHandle(soci::session& session) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    if (backend == nullptr || backend->conn_ == nullptr) throw NativeSqlError("the session is not connected");
    return backend->conn_;
}

PGconn* postgresHandle(soci::session& session) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    if (backend == nullptr || backend->conn_ == nullptr) throw NativeSqlError("the session is not connected");
    return backend->conn_;
}

void executeSqlite(sqlite_api::sqlite3* connection, const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite_api::sqlite3_exec(connection, sql.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return;
    std::string error = message != nullptr ? message : sqlite_api::sqlite3_errstr(rc);
    sqlite_api::sqlite3_free(message);
    throw NativeSqlError(error);
}

void executePostgres(PGconn* connection, const std::string& sql) {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection, sql.c_str()), &PQclear);
    if (!result) throw NativeSqlError(oneLine(PQerrorMessage(connection)));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
    throw NativeSqlError(oneLine(PQresultErrorMessage(result.get())));
}

void logNotice(void* logger, const char* message) {
    const std::string text = oneLine(message);
    auto& target = *static_cast<Logger*>(logger);
    if (text.starts_with("WARNING")) {
        target.warn("postgresql: " + text);
    } else {
        target.debug("postgresql: " + text);
    }
}

}  // namespace

void executeScript(soci::session& session, Dialect dialect, const std::string& sql) {
    if (dialect == Dialect::Sqlite) {
        executeSqlite(sqliteHandle(session), sql);
    } else {
        executePostgres(postgresHandle(session), sql);
    }
}

bool peerHasClosed(soci::session& session, Dialect dialect) {
    if (dialect != Dialect::Postgres || session.get_backend() == nullptr) return false;
    PGconn* connection = postgresHandle(session);
    if (PQstatus(connection) != CONNECTION_OK) return true;
    pollfd socket{PQsocket(connection), POLLIN, 0};
    if (socket.fd < 0) return true;
    // Between statements the server only speaks to say goodbye ("terminating connection ...") before it
    // closes: anything readable means the connection is done for. (We never LISTEN, so no notifications.)
    return poll(&socket, 1, 0) != 0;
}

bool insideTransaction(soci::session& session, Dialect dialect) {
    if (session.get_backend() == nullptr) return false;
    if (dialect == Dialect::Sqlite) return sqlite_api::sqlite3_get_autocommit(sqliteHandle(session)) == 0;
    const PGTransactionStatusType status = PQtransactionStatus(postgresHandle(session));
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

void routeNoticesTo(soci::session& session, Dialect dialect, Logger& logger) {
    if (dialect == Dialect::Postgres) PQsetNoticeProcessor(postgresHandle(session), &logNotice, &logger);
}

}  // namespace ocomms::db
