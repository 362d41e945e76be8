// The plugin's settings as values: the schedule (`every`, `at`), retention (`keep`) and where backups go.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include <ocomms/settings.hpp>

namespace ocomms::backup {

/// When scheduled backups run. With `at`, backups fall on that time of day (UTC) and `every` is a whole
/// number of days; without it they follow each other `every` apart.
struct ScheduleRule {
    std::chrono::milliseconds every{0};
    std::optional<std::chrono::minutes> at;  ///< after midnight UTC
};

struct BackupSettings {
    std::optional<ScheduleRule> schedule;  ///< none: backups only on request
    int keep = 7;
    std::string dir;       ///< as written; see resolveBackupDir
    std::string pgBinDir;  ///< folder of pg_dump and pg_restore; empty: searched in PATH
};

SettingsSchema backupSettingsSchema();

/// Throws ConfigurationError naming the setting and the value at fault.
BackupSettings parseBackupSettings(const Settings& settings);

/// `every`: a duration ("24h", "90m", "7d", "3600s", a bare number of seconds) or "disabled".
std::optional<std::chrono::milliseconds> parseEvery(const std::string& text);
/// `at`: "HH:MM", 24-hour, UTC.
std::chrono::minutes parseTimeOfDay(const std::string& text);

/// Empty: `<dataDir>/backups`; relative: against `dataDir`.
std::filesystem::path resolveBackupDir(const std::string& dir, const std::filesystem::path& dataDir);

/// "24h", "90m", "1d12h" -> the shortest exact spelling, for messages.
std::string describeDuration(std::chrono::milliseconds duration);

}  // namespace ocomms::backup
