#include "CheckRunner.hpp"

namespace ocomms::health_plugin {
namespace {

TimedResult runTimed(const HealthCheck& check) {
    const auto start = std::chrono::steady_clock::now();
    TimedResult timed;
    try {
        timed.result = check();
    } catch (const std::exception& e) {
        timed.result = CheckResult::fail(e.what());
    } catch (...) {
        timed.result = CheckResult::fail("check failed with an unknown exception");
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    timed.latencyMs = std::chrono::duration<double, std::milli>(elapsed).count();
    return timed;
}

}  // namespace

std::shared_future<TimedResult> CheckRunner::startOrJoin(const NamedHealthCheck& check) {
    std::lock_guard lock(mutex_);
    auto& slot = inFlight_[check.name];
    if (!slot.valid()) slot = std::async(std::launch::async, [fn = check.check] { return runTimed(fn); }).share();
    return slot;
}

std::vector<NamedResult> CheckRunner::runAll(const std::vector<NamedHealthCheck>& checks) {
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    std::vector<std::pair<std::string, std::shared_future<TimedResult>>> running;
    for (const auto& check : checks) running.emplace_back(check.name, startOrJoin(check));

    std::vector<NamedResult> results;
    for (auto& [name, future] : running) {
        if (future.wait_until(deadline) == std::future_status::ready) {
            results.push_back({name, future.get()});
            std::lock_guard lock(mutex_);
            auto it = inFlight_.find(name);
            // Only the run we waited for is retired; a newer one may have started meanwhile.
            if (it != inFlight_.end() && it->second.valid() &&
                it->second.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
                inFlight_.erase(it);
        } else {
            const double ms = std::chrono::duration<double, std::milli>(timeout_).count();
            results.push_back({name, {CheckResult::fail("no answer within " + std::to_string(static_cast<long>(ms)) + " ms"), ms}});
        }
    }
    return results;
}

void CheckRunner::drain() {
    std::map<std::string, std::shared_future<TimedResult>> pending;
    {
        std::lock_guard lock(mutex_);
        pending.swap(inFlight_);
    }
    for (auto& [name, future] : pending)
        if (future.valid()) future.wait();
}

}  // namespace ocomms::health_plugin
