// The health checks that the core and the plugins registered.
#pragma once

#include <ocomms/health.hpp>

#include "util/OwnedList.hpp"

namespace ocomms::health {

class HealthRegistry {
public:
    /// Throws std::invalid_argument when a check of that name exists.
    void add(const std::string& owner, std::shared_ptr<const void> keepAlive, const std::string& name,
             HealthCheck check);
    void removeOwner(const std::string& owner) { checks_.removeOwner(owner); }
    /// Each returned check holds what keeps its owner's library loaded while it runs.
    std::vector<NamedHealthCheck> list() const;

private:
    mutable std::mutex addMutex_;
    util::OwnedList<NamedHealthCheck> checks_;
};

class OwnedHealthChecks final : public HealthChecks {
public:
    OwnedHealthChecks(HealthRegistry& registry, std::string owner, std::shared_ptr<const void> keepAlive)
        : registry_(registry), owner_(std::move(owner)), keepAlive_(std::move(keepAlive)) {}
    void add(const std::string& name, HealthCheck check) override {
        registry_.add(owner_, keepAlive_, name, std::move(check));
    }
    std::vector<NamedHealthCheck> list() const override { return registry_.list(); }

private:
    HealthRegistry& registry_;
    std::string owner_;
    std::shared_ptr<const void> keepAlive_;
};

}  // namespace ocomms::health
