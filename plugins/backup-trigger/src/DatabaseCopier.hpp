// Makes a consistent copy of the database into a file and checks that a file is a readable backup, for
// one dialect: PostgresCopier (pg_dump -Fc, pg_restore --list) or SqliteCopier (VACUUM INTO,
// PRAGMA integrity_check).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <ocomms/database.hpp>

namespace ocomms::backup {

/// A backup that could not be made or checked; the message says which step and why.
class BackupError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The copy was abandoned because cancel() was called (the host is stopping).
class BackupCancelled : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class DatabaseCopier {
public:
    virtual ~DatabaseCopier() = default;

    /// The backup file's extension: "dump" or "sqlite".
    virtual std::string extension() const = 0;

    /// Writes a consistent copy to `target` (which must not exist). Returns the manifest (BackupManifest's
    /// text) taken from the same snapshot, when the dialect has one. Throws BackupError or BackupCancelled.
    virtual std::optional<std::string> write(const std::filesystem::path& target) = 0;

    /// Throws BackupError unless `file` reads as a complete backup of this dialect.
    virtual void check(const std::filesystem::path& file) = 0;

    /// From another thread: a write in progress ends soon with BackupCancelled, and so does any later one.
    virtual void cancel() = 0;
};

/// For the database's dialect. `pgBinDir`: where pg_dump and pg_restore are (empty: PATH).
std::unique_ptr<DatabaseCopier> copierFor(Database& database, const std::string& pgBinDir);

}  // namespace ocomms::backup
