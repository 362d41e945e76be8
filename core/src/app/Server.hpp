// `ocomms serve`: the whole host, from configuration to a clean exit on SIGTERM.
#pragma once

#include "config/HostConfig.hpp"

namespace ocomms::app {

/// Runs until SIGINT or SIGTERM; returns the process exit code. Expects blockShutdownSignals() to have
/// been called before any thread started.
int serve(const config::HostConfig& config);

}  // namespace ocomms::app
