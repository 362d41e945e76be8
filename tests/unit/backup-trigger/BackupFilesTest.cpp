// The names of the files the plugin writes, and which of a folder's files retention removes: only backups
// of this plugin beyond the newest `keep`, never anything else.
#include <gtest/gtest.h>

#include <fstream>

#include "BackupFiles.hpp"
#include "UtcTime.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::backup {
namespace {

using test::utc;

TEST(BackupFiles, BackupNamesCarryTheUtcStartAndTheRunId) {
    EXPECT_EQ(backupFileName(utc("2026-01-28 03:00:07"), 42, "dump"), "ocomms-backup-20260128T030007Z-42.dump");
    EXPECT_EQ(backupFileName(utc("2026-01-28 03:00:07"), 7, "sqlite"), "ocomms-backup-20260128T030007Z-7.sqlite");
}

TEST(BackupFiles, PartialNamesAreHiddenAndDoNotLookLikeBackups) {
    const std::string partial = partialNameOf("ocomms-backup-20260128T030007Z-42.dump");
    EXPECT_EQ(partial, ".ocomms-backup-20260128T030007Z-42.dump.partial");
    EXPECT_FALSE(isBackupFileName(partial));
    EXPECT_TRUE(isCompanionFileName(partial));
}

TEST(BackupFiles, OnlyThePluginsOwnNamesAreBackups) {
    EXPECT_TRUE(isBackupFileName("ocomms-backup-20260128T030007Z-42.dump"));
    EXPECT_TRUE(isBackupFileName("ocomms-backup-20260128T030007Z-42.sqlite"));
    for (const std::string other :
         {"ocomms-backup-20260128T030007Z-42.dump.sha256", "ocomms-backup-manual.dump", "notes.txt",
          "ocomms-pgdump-ocomms-20260128T030007Z.dump", "ocomms-backup-20260128T030007Z-42.sql",
          "ocomms-backup-20260128T030007Z-.dump", "xocomms-backup-20260128T030007Z-42.dump"})
        EXPECT_FALSE(isBackupFileName(other)) << other;
}

TEST(BackupFiles, RetentionRemovesTheOldestBeyondKeep) {
    const std::vector<std::string> names = {
        "ocomms-backup-20260127T030000Z-2.dump", "ocomms-backup-20260125T030000Z-1.dump",
        "ocomms-backup-20260128T030000Z-3.dump", "ocomms-backup-20260129T030000Z-4.dump"};
    EXPECT_EQ(backupsBeyond(names, 2), (std::vector<std::string>{"ocomms-backup-20260125T030000Z-1.dump",
                                                                 "ocomms-backup-20260127T030000Z-2.dump"}));
    EXPECT_TRUE(backupsBeyond(names, 4).empty());
    EXPECT_TRUE(backupsBeyond(names, 10).empty());
}

TEST(BackupFiles, RetentionOrdersRunsOfOneSecondByIdAsNumbers) {
    const std::vector<std::string> names = {"ocomms-backup-20260128T030000Z-10.dump",
                                            "ocomms-backup-20260128T030000Z-9.dump"};
    EXPECT_EQ(backupsBeyond(names, 1), std::vector<std::string>{"ocomms-backup-20260128T030000Z-9.dump"});
}

TEST(BackupFiles, RetentionNeverCountsOrRemovesOtherFiles) {
    const std::vector<std::string> names = {"ocomms-backup-20260128T030000Z-3.dump",
                                            "ocomms-backup-20260128T030000Z-3.dump.sha256",
                                            "ocomms-pgdump-ocomms-20200101T000000Z.dump",
                                            "ocomms-backup-manual.dump",
                                            "keep-me.txt",
                                            ".ocomms-backup-20260129T030000Z-4.dump.partial"};
    EXPECT_TRUE(backupsBeyond(names, 1).empty());
}

TEST(BackupFiles, LeftoversArePartialFilesAndSidecarsWithoutTheirBackup) {
    const std::vector<std::string> names = {"ocomms-backup-20260128T030000Z-3.dump",
                                            "ocomms-backup-20260128T030000Z-3.dump.sha256",
                                            "ocomms-backup-20260128T030000Z-3.dump.manifest",
                                            "ocomms-backup-20260127T030000Z-2.dump.sha256",
                                            ".ocomms-backup-20260129T030000Z-4.dump.partial",
                                            ".ocomms-backup-20260129T030000Z-4.dump.sha256.partial",
                                            "ocomms-backup-20260127T030000Z-2.dump.sha256.bak",
                                            "unrelated.sha256"};
    EXPECT_EQ(leftoversIn(names), (std::vector<std::string>{"ocomms-backup-20260127T030000Z-2.dump.sha256",
                                                            ".ocomms-backup-20260129T030000Z-4.dump.partial",
                                                            ".ocomms-backup-20260129T030000Z-4.dump.sha256.partial"}));
}

TEST(BackupFiles, RemovingABackupTakesItsSidecarsAndNothingElse) {
    const ocomms::test::TempDir dir;
    const std::string name = "ocomms-backup-20260128T030000Z-3.dump";
    for (const auto& file : {name, name + ".sha256", name + ".manifest", std::string("other.dump")})
        std::ofstream(dir.path() / file) << "x";
    removeBackupFiles(dir.path(), name);
    EXPECT_EQ(fileNamesIn(dir.path()), std::vector<std::string>{"other.dump"});
}

}  // namespace
}  // namespace ocomms::backup
