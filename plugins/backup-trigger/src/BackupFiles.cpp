#include "BackupFiles.hpp"

#include <algorithm>
#include <ctime>
#include <regex>
#include <set>

namespace ocomms::backup {
namespace {

const std::regex& backupPattern() {
    static const std::regex pattern("ocomms-backup-([0-9]{8}T[0-9]{6}Z)-([0-9]{1,18})\\.(dump|sqlite)");
    return pattern;
}

/// A sidecar ("<backup>.sha256"), or a partial file (".<backup>[.sha256].partial"); group 2 is the backup.
const std::regex& companionPattern() {
    static const std::regex pattern(
        "(\\.?)(ocomms-backup-[0-9]{8}T[0-9]{6}Z-[0-9]{1,18}\\.(?:dump|sqlite))(\\.sha256|\\.manifest)?(\\.partial)?");
    return pattern;
}

bool isCompanion(const std::smatch& match) {
    const bool hidden = match[1].length() > 0, partial = match[4].matched;
    return hidden ? partial : match[3].matched && !partial;
}

struct BackupName {
    std::string name;
    std::string stamp;
    long long runId = 0;
};

bool olderFirst(const BackupName& a, const BackupName& b) {
    return a.stamp != b.stamp ? a.stamp < b.stamp : a.runId < b.runId;
}

}  // namespace

std::string backupFileName(std::chrono::system_clock::time_point started, std::int64_t runId,
                           const std::string& extension) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(started);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return "ocomms-backup-" + std::string(stamp) + "-" + std::to_string(runId) + "." + extension;
}

std::string partialNameOf(const std::string& fileName) { return "." + fileName + ".partial"; }

bool isBackupFileName(const std::string& name) { return std::regex_match(name, backupPattern()); }

bool isCompanionFileName(const std::string& name) {
    std::smatch match;
    return std::regex_match(name, match, companionPattern()) && isCompanion(match);
}

std::vector<std::string> backupsBeyond(std::vector<std::string> names, int keep) {
    std::vector<BackupName> backups;
    for (auto& name : names) {
        std::smatch match;
        if (!std::regex_match(name, match, backupPattern())) continue;
        backups.push_back({name, match[1].str(), std::stoll(match[2].str())});
    }
    std::sort(backups.begin(), backups.end(), olderFirst);
    std::vector<std::string> beyond;
    const auto excess = static_cast<std::ptrdiff_t>(backups.size()) - keep;
    for (std::ptrdiff_t i = 0; i < excess; ++i) beyond.push_back(backups[static_cast<std::size_t>(i)].name);
    return beyond;
}

void removeBackupFiles(const std::filesystem::path& dir, const std::string& name) {
    std::filesystem::remove(dir / name);
    std::filesystem::remove(dir / (name + kChecksumSuffix));
    std::filesystem::remove(dir / (name + kManifestSuffix));
}

std::vector<std::string> leftoversIn(const std::vector<std::string>& names) {
    const std::set<std::string> present(names.begin(), names.end());
    std::vector<std::string> leftovers;
    for (const auto& name : names) {
        std::smatch match;
        if (!std::regex_match(name, match, companionPattern()) || !isCompanion(match)) continue;
        const bool partial = match[4].matched;
        if (partial || !present.count(match[2].str())) leftovers.push_back(name);
    }
    return leftovers;
}

std::vector<std::string> fileNamesIn(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
    return names;
}

}  // namespace ocomms::backup
