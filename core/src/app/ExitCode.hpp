#pragma once

namespace ocomms::app {

/// Process exit codes of every `ocomms` command.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,  ///< a runtime failure: database unreachable, a plugin failed to start, ...
    kExitUsage = 2,    ///< bad command line or invalid configuration
};

}  // namespace ocomms::app
