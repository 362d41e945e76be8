#include "Workload.hpp"

#include <numeric>

namespace ocomms::bench {

Workload anonymousWorkload(const LoadOptions& options) {
    Workload workload;
    workload.connections = options.connections;
    workload.senders = options.senders;
    workload.channelIds.resize(options.channels);
    std::iota(workload.channelIds.begin(), workload.channelIds.end(), 1);
    return workload;
}

}  // namespace ocomms::bench
