// The manifest beside a PostgreSQL backup: the lines scripts/restore.sh reads.
#include <gtest/gtest.h>

#include "BackupManifest.hpp"

namespace ocomms::backup {
namespace {

TEST(BackupManifest, TextHasTheFormatLineThenOneFactALine) {
    BackupManifest manifest;
    manifest.database = "ocomms";
    manifest.createdAt = "2026-01-28T03:00:00.000Z";
    manifest.schemaVersions = {{"chat", 1}, {"core", 2}};
    manifest.rowCounts = {{"public.users", 12}, {"public.\"odd name\"", 0}};
    EXPECT_EQ(toText(manifest),
              "ocomms-backup-manifest 1\n"
              "database ocomms\n"
              "created_at 2026-01-28T03:00:00.000Z\n"
              "schema chat 1\n"
              "schema core 2\n"
              "rows public.users 12\n"
              "rows public.\"odd name\" 0\n");
}

}  // namespace
}  // namespace ocomms::backup
