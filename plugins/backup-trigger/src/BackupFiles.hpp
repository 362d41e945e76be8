// The files this plugin writes, by name: only names of this shape are ever removed, so a backup folder
// shared with other tools (scripts/backup.sh, an operator's own copies) loses nothing else.
//
//   ocomms-backup-20260128T030000Z-42.dump        the backup (".dump": pg_dump -Fc; ".sqlite": SQLite)
//   ocomms-backup-20260128T030000Z-42.dump.sha256   its checksum, in `sha256sum` format
//   ocomms-backup-20260128T030000Z-42.dump.manifest schema versions and row counts (PostgreSQL)
//   .ocomms-backup-20260128T030000Z-42.dump.partial while it is written and verified
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ocomms::backup {

inline constexpr const char* kChecksumSuffix = ".sha256";
inline constexpr const char* kManifestSuffix = ".manifest";

/// "ocomms-backup-<UTC yyyymmddThhmmssZ>-<run id>.<extension>"
std::string backupFileName(std::chrono::system_clock::time_point started, std::int64_t runId,
                           const std::string& extension);

/// The name a file has while it is written: hidden, and not matching the backup pattern.
std::string partialNameOf(const std::string& fileName);

/// True for names backupFileName makes (any run, either extension).
bool isBackupFileName(const std::string& name);
/// True for sidecars and partial files this plugin made, of any run.
bool isCompanionFileName(const std::string& name);

/// The backups to remove so that the newest `keep` remain: of `names` (a folder's entries), those that
/// are backups of this plugin, oldest first. Everything else is ignored.
std::vector<std::string> backupsBeyond(std::vector<std::string> names, int keep);

/// The backup `name` and its sidecars, removed from `dir`; missing files are fine. Throws
/// std::filesystem::filesystem_error.
void removeBackupFiles(const std::filesystem::path& dir, const std::string& name);

/// Partial files and sidecars whose backup is gone: what a run that crashed left behind.
std::vector<std::string> leftoversIn(const std::vector<std::string>& names);

/// The names of the entries of `dir` (regular files only).
std::vector<std::string> fileNamesIn(const std::filesystem::path& dir);

}  // namespace ocomms::backup
