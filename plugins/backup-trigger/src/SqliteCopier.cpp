#include "SqliteCopier.hpp"

// SQLite's API, as SOCI's backend declares it (in namespace sqlite_api).
#include <soci/sqlite3/soci-sqlite3.h>

namespace ocomms::backup {
namespace {

sqlite_api::sqlite3* nativeHandle(soci::session& session) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    if (backend == nullptr || backend->conn_ == nullptr) throw BackupError("the database session is not connected");
    return backend->conn_;
}

/// A database file opened read-only on its own, closed when it goes away.
class ReadOnlyFile {
public:
    explicit ReadOnlyFile(const std::filesystem::path& file) {
        const int rc = sqlite_api::sqlite3_open_v2(file.c_str(), &handle_, SQLITE_OPEN_READONLY, nullptr);
        if (rc != SQLITE_OK) {
            const std::string why =
                handle_ != nullptr ? sqlite_api::sqlite3_errmsg(handle_) : sqlite_api::sqlite3_errstr(rc);
            sqlite_api::sqlite3_close(handle_);
            throw BackupError("cannot open " + file.string() + ": " + why);
        }
    }
    ~ReadOnlyFile() { sqlite_api::sqlite3_close(handle_); }
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    /// Every row's first column, joined by "; ". Throws BackupError with SQLite's message.
    std::string firstColumnOf(const char* sql) {
        sqlite_api::sqlite3_stmt* statement = nullptr;
        if (sqlite_api::sqlite3_prepare_v2(handle_, sql, -1, &statement, nullptr) != SQLITE_OK)
            throw BackupError(std::string(sql) + ": " + sqlite_api::sqlite3_errmsg(handle_));
        std::string out;
        int rc = SQLITE_ROW;
        while ((rc = sqlite_api::sqlite3_step(statement)) == SQLITE_ROW) {
            const auto* text = sqlite_api::sqlite3_column_text(statement, 0);
            if (!out.empty()) out += "; ";
            out += text != nullptr ? reinterpret_cast<const char*>(text) : "";
        }
        sqlite_api::sqlite3_finalize(statement);
        if (rc != SQLITE_DONE) throw BackupError(std::string(sql) + ": " + sqlite_api::sqlite3_errmsg(handle_));
        return out;
    }

private:
    sqlite_api::sqlite3* handle_ = nullptr;
};

}  // namespace

std::optional<std::string> SqliteCopier::write(const std::filesystem::path& target) {
    PooledSession session = database_.session();
    {
        const std::lock_guard lock(mutex_);
        if (cancelled_) throw BackupCancelled("the backup was not started because the server is shutting down");
        copying_ = nativeHandle(*session);
    }
    const std::string targetName = target.string();
    std::string failure;
    try {
        *session << "VACUUM INTO :target", soci::use(targetName);
    } catch (const soci::soci_error& e) {
        failure = e.what();
    }
    const std::lock_guard lock(mutex_);
    copying_ = nullptr;
    if (cancelled_) throw BackupCancelled("VACUUM INTO was interrupted because the server is shutting down");
    if (!failure.empty()) throw BackupError("VACUUM INTO " + target.string() + " failed: " + failure);
    return std::nullopt;
}

void SqliteCopier::check(const std::filesystem::path& file) {
    ReadOnlyFile copy(file);
    const std::string result = copy.firstColumnOf("PRAGMA integrity_check");
    if (result != "ok") throw BackupError("PRAGMA integrity_check of " + file.string() + " reports: " + result);
}

void SqliteCopier::cancel() {
    const std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (copying_ != nullptr) sqlite_api::sqlite3_interrupt(copying_);
}

}  // namespace ocomms::backup
