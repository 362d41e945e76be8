// The pg_dump and pg_restore command lines. The password never appears in them: command lines are
// readable by every user of the machine (ps, /proc/PID/cmdline), while a process's environment is
// readable only by its owner, so the password travels as PGPASSWORD.
#pragma once

#include <filesystem>
#include <string>

#include <ocomms/database.hpp>

#include "ChildProcess.hpp"

namespace ocomms::backup {

/// A libpq connection string for `location`, without the password; application_name "ocomms-backup"
/// unless the URL names one.
std::string conninfoWithoutPassword(const DatabaseLocation& location);

/// pg_dump in custom format (-Fc) to `target`, from the snapshot `snapshot` exported by a transaction
/// that stays open meanwhile; never prompts for a password.
ChildCommand pgDumpCommand(const DatabaseLocation& location, const std::string& binDir,
                           const std::filesystem::path& target, const std::string& snapshot);

/// pg_restore --list: reads the archive's table of contents, touches no database.
ChildCommand pgRestoreListCommand(const std::string& binDir, const std::filesystem::path& file);

}  // namespace ocomms::backup
