// `ocomms config check` reports a wrong setting of the backup-trigger plugin with its place, key and value.
#include <gtest/gtest.h>

#include <fstream>

#include "support/ServerProcess.hpp"

namespace ocomms::test {
namespace {

CommandResult checkConfigWithBackupSettings(const TempDir& dir, const std::string& settings) {
    const auto file = dir.path() / "ocomms.yaml";
    std::ofstream(file) << "database:\n  url: \"sqlite:" << (dir.path() / "o.db").string() << "\"\n"
                        << "plugins:\n  - name: backup-trigger\n    settings:\n"
                        << settings;
    return runOcomms({"config", "check", "--config", file.string()});
}

TEST(BackupSettingsCheck, AMalformedIntervalIsReportedWithItsPlaceAndValue) {
    const TempDir dir;
    const auto r = checkConfigWithBackupSettings(dir, "      every: 24x\n");
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find("ocomms.yaml:6:7: plugins[0].settings.every: '24x' is neither a duration"),
              std::string::npos)
        << r.output;
}

TEST(BackupSettingsCheck, ATimeOfDayWithAnIntervalOfHoursIsRefused) {
    const TempDir dir;
    const auto r = checkConfigWithBackupSettings(dir, "      every: 12h\n      at: \"03:00\"\n");
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find("plugins[0].settings.at: '03:00' needs `every` in whole days"), std::string::npos)
        << r.output;
}

TEST(BackupSettingsCheck, KeepOutOfRangeIsCaughtByTheSchema) {
    const TempDir dir;
    const auto r = checkConfigWithBackupSettings(dir, "      keep: 0\n");
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find("plugins[0].settings.keep"), std::string::npos) << r.output;
}

TEST(BackupSettingsCheck, TheShippedSettingsAreAccepted) {
    const TempDir dir;
    const auto r = checkConfigWithBackupSettings(dir, "      every: 24h\n      at: \"03:00\"\n      keep: 7\n");
    EXPECT_EQ(r.exitCode, 0) << r.output;
}

}  // namespace
}  // namespace ocomms::test
