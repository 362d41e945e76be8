// ocomms_realtime_loadgen: the realtime benchmark's load generator (see LoadOptions.cpp for its flags,
// tests/bench/realtime.sh for how the benchmark runs it).
#include "LoadOptions.hpp"
#include "LoadRunner.hpp"
#include "OcommsSetup.hpp"
#include "WireProtocol.hpp"

#include <sys/resource.h>

#include <csignal>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string_view>

namespace {

using namespace ocomms::bench;

/// Raises the descriptor limit to the hard limit; fails when even that cannot hold the connections.
void allowDescriptorsFor(std::size_t connections) {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    constexpr std::size_t kSpare = 32;  // standard streams, epoll, the REST client's socket
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < connections + kSpare) {
        throw std::invalid_argument("--connections: " + std::to_string(connections) + " needs " +
                                    std::to_string(connections + kSpare) + " descriptors, the hard limit is " +
                                    std::to_string(limit.rlim_cur));
    }
}

void stopOnSignal(int) { requestStop(); }

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        std::cout << loadOptionsUsage();
        return 0;
    }
    LoadOptions options;
    try {
        options = parseLoadOptions(argc, argv);
        allowDescriptorsFor(options.connections);
    } catch (const std::exception& e) {
        std::cerr << "ocomms_realtime_loadgen: " << e.what() << "\n\n" << loadOptionsUsage();
        return 2;
    }
    std::signal(SIGINT, stopOnSignal);
    std::signal(SIGTERM, stopOnSignal);
    std::signal(SIGPIPE, SIG_IGN);
    try {
        const Workload workload = options.protocol == Protocol::Ocomms ? ocommsWorkload(options) : anonymousWorkload(options);
        auto protocol = wireProtocolFor(options.protocol);
        std::cout << runLoad(options, workload, *protocol).dump() << std::endl;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "ocomms_realtime_loadgen: " << e.what() << '\n';
        return 1;
    }
}
