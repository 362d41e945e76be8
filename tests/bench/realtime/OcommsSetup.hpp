// The accounts and channels an OComms run needs, made through the REST API: the first user (registered
// on a fresh instance, signed in on one a previous run set up), members invited into the organization,
// public channels, and each user joined to the channels of its connections.
#pragma once

#include "LoadOptions.hpp"
#include "Workload.hpp"

namespace ocomms::bench {

/// Throws std::runtime_error naming the request that failed.
Workload ocommsWorkload(const LoadOptions& options);

}  // namespace ocomms::bench
