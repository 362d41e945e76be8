#include "store/WriteTransaction.hpp"

namespace ocomms::chat {

WriteTransaction::WriteTransaction(soci::session& session, Dialect dialect) : session_(session) {
    session_ << (dialect == Dialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

WriteTransaction::~WriteTransaction() {
    if (!open_) return;
    try {
        session_.rollback();
    } catch (const std::exception&) {
        // A broken connection has nothing left to roll back; the pool checks it before its next lease.
    }
}

void WriteTransaction::commit() {
    session_.commit();
    open_ = false;
}

}  // namespace ocomms::chat
