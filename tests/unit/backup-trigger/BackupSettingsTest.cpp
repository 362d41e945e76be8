// The plugin's settings: `every` as a duration or "disabled", `at` as HH:MM UTC needing whole days, `keep`,
// and `dir` resolved against the data folder. Errors name the setting and the value.
#include <algorithm>

#include <gtest/gtest.h>

#include "BackupSettings.hpp"

namespace ocomms::backup {
namespace {

using namespace std::chrono_literals;

Settings withValues(nlohmann::json values) {
    nlohmann::json all = {{"every", "24h"}, {"at", ""}, {"keep", 7}, {"dir", ""}, {"pg_bin_dir", ""}};
    for (const auto& [key, value] : values.items()) all[key] = value;
    return Settings(all);
}

/// The key and message of the ConfigurationError that parsing `values` throws.
std::pair<std::string, std::string> refusalOf(nlohmann::json values) {
    try {
        parseBackupSettings(withValues(std::move(values)));
    } catch (const ConfigurationError& e) {
        return {e.key(), e.what()};
    }
    ADD_FAILURE() << "the settings were accepted";
    return {};
}

TEST(BackupSettings, EveryAcceptsDurationsInEveryUnit) {
    EXPECT_EQ(parseEvery("24h"), std::chrono::milliseconds(24h));
    EXPECT_EQ(parseEvery("90m"), std::chrono::milliseconds(90min));
    EXPECT_EQ(parseEvery("7d"), std::chrono::milliseconds(7 * 24h));
    EXPECT_EQ(parseEvery("3600"), std::chrono::milliseconds(1h));
    EXPECT_EQ(parseEvery("120s"), std::chrono::milliseconds(2min));
}

TEST(BackupSettings, EveryDisabledMeansNoSchedule) {
    EXPECT_EQ(parseEvery("disabled"), std::nullopt);
    EXPECT_FALSE(parseBackupSettings(withValues({{"every", "disabled"}})).schedule.has_value());
}

TEST(BackupSettings, EveryRefusesWhatIsNotADurationNamingTheValue) {
    for (const std::string bad : {"24x", "", "h", "-5m", "1.5h", "Disabled", "24 h"}) {
        const auto [key, message] = refusalOf({{"every", bad}});
        EXPECT_EQ(key, "every") << bad;
        EXPECT_NE(message.find("'" + bad + "'"), std::string::npos) << message;
    }
}

TEST(BackupSettings, EveryRefusesIntervalsOutsideOneMinuteToOneYear) {
    const auto [key, message] = refusalOf({{"every", "30s"}});
    EXPECT_EQ(key, "every");
    EXPECT_NE(message.find("'30s' is out of range"), std::string::npos) << message;
    EXPECT_EQ(refusalOf({{"every", "366d"}}).first, "every");
    EXPECT_EQ(parseEvery("1m"), std::chrono::milliseconds(1min));
    EXPECT_EQ(parseEvery("365d"), std::chrono::milliseconds(365 * 24h));
}

TEST(BackupSettings, AtIsATimeOfDayInUtc) {
    EXPECT_EQ(parseTimeOfDay("03:00"), 3h);
    EXPECT_EQ(parseTimeOfDay("23:59"), 23h + 59min);
    EXPECT_EQ(parseTimeOfDay("00:00"), 0min);
    const auto settings = parseBackupSettings(withValues({{"every", "24h"}, {"at", "02:30"}}));
    ASSERT_TRUE(settings.schedule.has_value());
    EXPECT_EQ(settings.schedule->at, 2h + 30min);
    EXPECT_EQ(settings.schedule->every, std::chrono::milliseconds(24h));
}

TEST(BackupSettings, AtRefusesMalformedTimesNamingTheValue) {
    for (const std::string bad : {"3:00", "24:00", "12:60", "noon", "03:00:00", "03-00"}) {
        const auto [key, message] = refusalOf({{"at", bad}});
        EXPECT_EQ(key, "at") << bad;
        EXPECT_NE(message.find("'" + bad + "'"), std::string::npos) << message;
    }
}

TEST(BackupSettings, AtNeedsEveryInWholeDays) {
    const auto [key, message] = refusalOf({{"every", "12h"}, {"at", "03:00"}});
    EXPECT_EQ(key, "at");
    EXPECT_NE(message.find("'12h'"), std::string::npos) << message;
    EXPECT_TRUE(parseBackupSettings(withValues({{"every", "48h"}, {"at", "03:00"}})).schedule.has_value());
}

TEST(BackupSettings, AtIsStillCheckedWhenTheScheduleIsDisabled) {
    EXPECT_EQ(refusalOf({{"every", "disabled"}, {"at", "25:00"}}).first, "at");
}

TEST(BackupSettings, KeepAndToolFolderArePassedThrough) {
    const auto settings = parseBackupSettings(withValues({{"keep", 3}, {"pg_bin_dir", "/usr/lib/postgresql/16/bin"}}));
    EXPECT_EQ(settings.keep, 3);
    EXPECT_EQ(settings.pgBinDir, "/usr/lib/postgresql/16/bin");
}

TEST(BackupSettings, KeepIsBoundedByTheSchema) {
    const auto schema = backupSettingsSchema();
    const auto keep = std::find_if(schema.settings().begin(), schema.settings().end(),
                                   [](const Setting& s) { return s.key() == "keep"; });
    ASSERT_NE(keep, schema.settings().end());
    EXPECT_EQ(keep->min(), 1);
    EXPECT_EQ(keep->defaultValue(), nlohmann::json(7));
}

TEST(BackupSettings, DirDefaultsToBackupsInTheDataFolder) {
    EXPECT_EQ(resolveBackupDir("", "/var/lib/ocomms"), std::filesystem::path("/var/lib/ocomms/backups"));
}

TEST(BackupSettings, RelativeDirIsResolvedAgainstTheDataFolder) {
    EXPECT_EQ(resolveBackupDir("dumps/nightly", "/var/lib/ocomms"),
              std::filesystem::path("/var/lib/ocomms/dumps/nightly"));
    EXPECT_EQ(resolveBackupDir("../backups", "/var/lib/ocomms"), std::filesystem::path("/var/lib/backups"));
}

TEST(BackupSettings, AbsoluteDirIsKept) {
    EXPECT_EQ(resolveBackupDir("/backups", "/var/lib/ocomms"), std::filesystem::path("/backups"));
}

TEST(BackupSettings, DurationsAreDescribedInTheirLargestExactUnit) {
    EXPECT_EQ(describeDuration(std::chrono::milliseconds(48h)), "2d");
    EXPECT_EQ(describeDuration(std::chrono::milliseconds(36h)), "36h");
    EXPECT_EQ(describeDuration(std::chrono::milliseconds(90min)), "90m");
}

}  // namespace
}  // namespace ocomms::backup
