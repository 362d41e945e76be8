// Runs health checks concurrently, each bounded by a timeout.
//
// Concurrent requests share one run of each check, so a burst of probes costs the database one query;
// a check that overruns is reported as failed while it finishes in the background, and is not started
// again until it has.
#pragma once

#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <ocomms/health.hpp>

namespace ocomms::health_plugin {

struct TimedResult {
    CheckResult result;
    double latencyMs = 0;
};

struct NamedResult {
    std::string name;
    TimedResult timed;
};

class CheckRunner {
public:
    explicit CheckRunner(std::chrono::milliseconds timeout) : timeout_(timeout) {}
    ~CheckRunner() { drain(); }

    std::vector<NamedResult> runAll(const std::vector<NamedHealthCheck>& checks);
    /// Waits for checks still running (they are bounded by their own timeouts).
    void drain();

private:
    std::shared_future<TimedResult> startOrJoin(const NamedHealthCheck& check);

    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
    std::map<std::string, std::shared_future<TimedResult>> inFlight_;
};

}  // namespace ocomms::health_plugin
