// What a restore must find afterwards, written beside a PostgreSQL backup (NAME.dump.manifest) and read by
// scripts/restore.sh, which writes the same format for its own backups (scripts/backup.sh):
//
//   ocomms-backup-manifest 1
//   database ocomms
//   created_at 2026-01-28T03:00:00.000Z
//   schema core 2                 one line per owner in schema_migrations: its newest version
//   rows public.users 12          one line per table: its row count
//
// Schema versions and counts come from the snapshot the dump was taken from. Names are printed as
// PostgreSQL's format('%I.%I') quotes them, so a line splits at its first and last space.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ocomms::backup {

inline constexpr const char* kManifestFormat = "ocomms-backup-manifest 1";

struct BackupManifest {
    std::string database;
    std::string createdAt;
    std::vector<std::pair<std::string, std::int64_t>> schemaVersions;  ///< owner, newest version
    std::vector<std::pair<std::string, std::int64_t>> rowCounts;       ///< schema.table, rows
};

std::string toText(const BackupManifest& manifest);

}  // namespace ocomms::backup
