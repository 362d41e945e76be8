// Health checks: the core registers `database` (and `redis` when configured); plugins add their own.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ocomms {

enum class CheckStatus { Ok, Warn, Fail };

struct CheckResult {
    CheckStatus status = CheckStatus::Ok;
    std::string error;        ///< why, when not Ok
    nlohmann::json details;   ///< optional extra fields shown beside the status

    static CheckResult ok(nlohmann::json details = nullptr) { return {CheckStatus::Ok, {}, std::move(details)}; }
    static CheckResult warn(std::string why) { return {CheckStatus::Warn, std::move(why), nullptr}; }
    static CheckResult fail(std::string why) { return {CheckStatus::Fail, std::move(why), nullptr}; }
};

/// A check must finish quickly (well under a second); the health endpoint runs all checks at once and
/// reports a check that overruns its timeout as failed.
using HealthCheck = std::function<CheckResult()>;

struct NamedHealthCheck {
    std::string name;
    HealthCheck check;
};

class HealthChecks {
public:
    virtual ~HealthChecks() = default;
    virtual void add(const std::string& name, HealthCheck check) = 0;
    virtual std::vector<NamedHealthCheck> list() const = 0;
};

inline const char* toString(CheckStatus s) {
    switch (s) {
        case CheckStatus::Ok: return "ok";
        case CheckStatus::Warn: return "warn";
        case CheckStatus::Fail: return "fail";
    }
    return "fail";
}

}  // namespace ocomms
