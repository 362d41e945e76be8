// The phases of one run: open and subscribe every connection; then either hold them idle (to weigh the
// server's memory per connection) or send at a fixed rate, warm up, and measure deliveries, latency and
// the server's CPU time over the measured interval. The result is one JSON object.
#pragma once

#include "LoadOptions.hpp"
#include "WireProtocol.hpp"
#include "Workload.hpp"

#include <nlohmann/json.hpp>

namespace ocomms::bench {

nlohmann::ordered_json runLoad(const LoadOptions& options, const Workload& workload, WireProtocol& protocol);

/// Ends the current phase early; the run still reports what it measured. Safe in a signal handler.
void requestStop();

}  // namespace ocomms::bench
