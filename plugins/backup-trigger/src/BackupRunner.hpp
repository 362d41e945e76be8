// Makes one claimed backup: the copy under a temporary name, its check, the checksum (and manifest)
// beside it, the rename to its final name, the record of how it ended, and retention after a good one.
#pragma once

#include <filesystem>
#include <stdexcept>

#include <ocomms/logger.hpp>

#include "BackupRun.hpp"
#include "DatabaseCopier.hpp"
#include "RunStore.hpp"

namespace ocomms::backup {

/// The backup's file is not in this node's backup folder (removed, or written by a node with its own).
class BackupFileMissing : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class BackupRunner {
public:
    BackupRunner(RunStore& store, DatabaseCopier& copier, std::filesystem::path dir, int keep, Logger& logger);

    /// Makes the backup of a claimed run and records the result; failures are recorded and logged, not
    /// thrown.
    RunResult execute(const BackupRun& run);

    /// Checks a finished backup again: its file against the checksum file and the recorded checksum, then
    /// the dialect's check. Records whether it passed (with the error saying why not) and returns it.
    /// Throws BackupFileMissing when the file is not here.
    bool verify(const BackupRun& run);

    /// From another thread: a backup in progress is abandoned and recorded as failed.
    void cancel() { copier_.cancel(); }

    const std::filesystem::path& dir() const { return dir_; }

private:
    RunResult makeBackup(const BackupRun& run);
    void removeLeftovers();
    void applyRetention();

    RunStore& store_;
    DatabaseCopier& copier_;
    std::filesystem::path dir_;
    int keep_;
    Logger& logger_;
};

}  // namespace ocomms::backup
