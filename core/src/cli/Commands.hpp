// What each `ocomms` subcommand does. Each returns the process exit code (app/ExitCode.hpp).
#pragma once

#include "cli/CommandLine.hpp"

namespace ocomms::cli {

int runServe(const Invocation& invocation);
int runConfigCheck(const Invocation& invocation);
int runMigrate(const Invocation& invocation);
int runPluginsList(const Invocation& invocation);

/// Dispatches to the command named in `invocation` (help and version included).
int run(const Invocation& invocation);

}  // namespace ocomms::cli
