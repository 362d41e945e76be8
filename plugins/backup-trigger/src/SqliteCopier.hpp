// SQLite backups: VACUUM INTO a new file through a pooled session (a consistent snapshot, taken while
// others keep writing), checked by opening the copy on its own and running PRAGMA integrity_check.
#pragma once

#include <mutex>

#include "DatabaseCopier.hpp"

namespace sqlite_api {
struct sqlite3;  // SOCI's sqlite3 backend declares SQLite's API in this namespace
}

namespace ocomms::backup {

class SqliteCopier final : public DatabaseCopier {
public:
    explicit SqliteCopier(Database& database) : database_(database) {}

    std::string extension() const override { return "sqlite"; }
    std::optional<std::string> write(const std::filesystem::path& target) override;
    void check(const std::filesystem::path& file) override;
    /// Interrupts a VACUUM INTO in progress (sqlite3_interrupt).
    void cancel() override;

private:
    Database& database_;
    std::mutex mutex_;
    bool cancelled_ = false;
    sqlite_api::sqlite3* copying_ = nullptr;  ///< the connection running VACUUM INTO, for cancel()
};

}  // namespace ocomms::backup
