// scripts/backup.sh and scripts/restore.sh run by a test against a PostgreSQL test database, connected
// through the PG* variables as an operator's shell would be.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/DatabaseUrl.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::test {

inline const std::filesystem::path kBackupScriptsDir = std::filesystem::path(OCOMMS_TEST_SOURCE_DIR) / "scripts";

/// PGHOST, PGPORT, PGUSER, PGDATABASE (and PGPASSWORD when the URL has one) for `url`.
inline std::map<std::string, std::string> pgEnvironment(const db::DatabaseUrl& url) {
    std::map<std::string, std::string> env = {{"PGHOST", url.host},
                                              {"PGPORT", std::to_string(url.port)},
                                              {"PGUSER", url.user},
                                              {"PGDATABASE", url.database}};
    if (!url.password.empty()) env["PGPASSWORD"] = url.password;
    return env;
}

/// Runs scripts/`name` with `args` on the database of `url`.
inline CommandResult runBackupScript(const std::string& name, const std::vector<std::string>& args,
                                     const db::DatabaseUrl& url) {
    std::vector<std::string> argv{(kBackupScriptsDir / name).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv, pgEnvironment(url), std::chrono::seconds(300));
}

/// backup.sh `options` into `dir`; the dump's path, read from its summary line (empty, and the test
/// failed, when the script failed or printed none).
inline std::filesystem::path backupWithScript(const std::filesystem::path& dir, const db::DatabaseUrl& url,
                                              const std::vector<std::string>& options = {}) {
    std::vector<std::string> args = options;
    args.push_back(dir.string());
    const auto result = runBackupScript("backup.sh", args, url);
    EXPECT_EQ(result.exitCode, 0) << result.output;
    std::smatch match;
    if (!std::regex_search(result.output, match, std::regex("backup ok: (\\S+\\.dump) "))) {
        ADD_FAILURE() << "no summary line: " << result.output;
        return {};
    }
    return match[1].str();
}

}  // namespace ocomms::test
