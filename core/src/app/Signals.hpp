// Shutdown signals, received synchronously by the main thread.
#pragma once

namespace ocomms::app {

/// Blocks SIGINT and SIGTERM in the calling thread (and so in every thread it creates later) and
/// ignores SIGPIPE. Call first in main(), before any thread starts.
void blockShutdownSignals();

/// Waits for SIGINT or SIGTERM and returns its number.
int waitForShutdownSignal();

}  // namespace ocomms::app
