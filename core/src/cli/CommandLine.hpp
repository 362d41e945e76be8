// The `ocomms` command line: subcommands, their options, and their help texts.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ocomms::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Invocation {
    std::string command;                          ///< "serve", "config check", ...; "" for the top level
    std::map<std::string, std::string> options;   ///< "--config" -> "FILE"
    bool help = false;
    bool version = false;
};

/// Throws UsageError for an unknown command or option, a missing value, or a missing required option.
/// `--config` defaults to $OCOMMS_CONFIG when that is set.
Invocation parseCommandLine(const std::vector<std::string>& args);

/// Help for one command, or the overview for "".
std::string helpText(const std::string& command);

}  // namespace ocomms::cli
