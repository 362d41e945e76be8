#include "BackupSettings.hpp"

#include <regex>

namespace ocomms::backup {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kShortestEvery = std::chrono::minutes(1);
constexpr milliseconds kLongestEvery = std::chrono::hours(24 * 365);
constexpr milliseconds kDay = std::chrono::hours(24);

struct DurationUnit {
    const char* suffix;
    milliseconds length;
};

// Longest first, so that describeDuration finds the shortest spelling.
constexpr DurationUnit kUnits[] = {{"d", kDay},
                                   {"h", std::chrono::hours(1)},
                                   {"m", std::chrono::minutes(1)},
                                   {"s", std::chrono::seconds(1)},
                                   {"ms", milliseconds(1)}};

std::optional<milliseconds> lengthOf(const std::string& suffix) {
    if (suffix.empty()) return std::chrono::seconds(1);
    for (const auto& unit : kUnits)
        if (suffix == unit.suffix) return unit.length;
    return std::nullopt;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

SettingsSchema backupSettingsSchema() {
    return {Setting::string("every").defaultTo("24h").describe(
                "time between scheduled backups (1m .. 365d), or \"disabled\" for backups on request only"),
            Setting::string("at").defaultTo("").describe(
                "HH:MM (UTC): scheduled backups run at this time of day; `every` must then be whole days"),
            Setting::integer("keep").range(1, 10000).defaultTo(7).describe(
                "backups kept in `dir`; older ones made by this plugin are removed after a good backup"),
            Setting::string("dir").defaultTo("").describe(
                "folder for backups; empty: <data_dir>/backups; a relative path is resolved against data_dir"),
            Setting::string("pg_bin_dir")
                .defaultTo("")
                .describe("folder holding pg_dump and pg_restore (PostgreSQL only); empty: looked up in PATH")};
}

std::optional<milliseconds> parseEvery(const std::string& text) {
    if (text == "disabled") return std::nullopt;
    static const std::regex pattern("([0-9]{1,9})(ms|s|m|h|d)?");
    std::smatch match;
    const auto unit = std::regex_match(text, match, pattern) ? lengthOf(match[2].str()) : std::nullopt;
    if (!unit) {
        throw ConfigurationError("every",
                                 quoted(text) + " is neither a duration (such as 24h, 90m or 7d) nor 'disabled'");
    }
    const milliseconds every = std::stoll(match[1].str()) * *unit;
    if (every < kShortestEvery || every > kLongestEvery) {
        throw ConfigurationError("every", quoted(text) + " is out of range: scheduled backups run between every " +
                                              describeDuration(kShortestEvery) + " and every " +
                                              describeDuration(kLongestEvery));
    }
    return every;
}

std::chrono::minutes parseTimeOfDay(const std::string& text) {
    static const std::regex pattern("([01][0-9]|2[0-3]):([0-5][0-9])");
    std::smatch match;
    if (!std::regex_match(text, match, pattern)) {
        throw ConfigurationError("at", quoted(text) + " is not a time of day written HH:MM (00:00 .. 23:59, UTC)");
    }
    return std::chrono::hours(std::stoi(match[1].str())) + std::chrono::minutes(std::stoi(match[2].str()));
}

BackupSettings parseBackupSettings(const Settings& settings) {
    BackupSettings out;
    const std::string everyText = settings.getString("every");
    const std::string atText = settings.getString("at");
    if (const auto every = parseEvery(everyText)) {
        ScheduleRule rule{*every, std::nullopt};
        if (!atText.empty()) {
            rule.at = parseTimeOfDay(atText);
            if (every->count() % kDay.count() != 0) {
                throw ConfigurationError(
                    "at",
                    quoted(atText) + " needs `every` in whole days (such as 24h or 7d), not " + quoted(everyText));
            }
        }
        out.schedule = rule;
    } else if (!atText.empty()) {
        parseTimeOfDay(atText);  // still refuse a malformed value, although it has no effect
    }
    out.keep = static_cast<int>(settings.getInt("keep"));
    out.dir = settings.getString("dir");
    out.pgBinDir = settings.getString("pg_bin_dir");
    return out;
}

std::filesystem::path resolveBackupDir(const std::string& dir, const std::filesystem::path& dataDir) {
    if (dir.empty()) return (dataDir / "backups").lexically_normal();
    const std::filesystem::path path(dir);
    return (path.is_absolute() ? path : dataDir / path).lexically_normal();
}

std::string describeDuration(milliseconds duration) {
    for (const auto& unit : kUnits) {
        if (duration.count() % unit.length.count() == 0)
            return std::to_string(duration.count() / unit.length.count()) + unit.suffix;
    }
    return std::to_string(duration.count()) + "ms";
}

}  // namespace ocomms::backup
