#include "health/HealthRegistry.hpp"

#include <stdexcept>

namespace ocomms::health {
namespace {

/// Runs a check while holding its owner's library; members in this order so the check is destroyed first.
struct KeptCheck {
    std::shared_ptr<const void> keepAlive;
    HealthCheck check;
    CheckResult operator()() const { return check(); }
};

}  // namespace

void HealthRegistry::add(const std::string& owner, std::shared_ptr<const void> keepAlive, const std::string& name,
                         HealthCheck check) {
    std::lock_guard lock(addMutex_);
    for (const auto& existing : checks_.snapshot())
        if (existing.value.name == name)
            throw std::invalid_argument("health check '" + name + "' is already registered by '" + existing.owner + "'");
    checks_.add(owner, std::move(keepAlive), NamedHealthCheck{name, std::move(check)});
}

std::vector<NamedHealthCheck> HealthRegistry::list() const {
    std::vector<NamedHealthCheck> result;
    for (auto& entry : checks_.snapshot())
        result.push_back({entry.value.name, KeptCheck{entry.keepAlive, entry.value.check}});
    return result;
}

}  // namespace ocomms::health
