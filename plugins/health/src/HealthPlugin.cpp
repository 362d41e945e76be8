// The `health` plugin: readiness (`/api/health`, every registered check) and liveness (`/api/health/live`).
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>

#include <ocomms/ocomms.hpp>

#include "CheckRunner.hpp"

namespace ocomms::health_plugin {
namespace {

std::string utcNow() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t seconds = system_clock::to_time_t(now);
    const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[40];
    const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
    return buffer;
}

/// Any failed check makes the instance unhealthy (503); a warning only degrades it (200).
std::string overallStatus(const std::vector<NamedResult>& results) {
    bool warned = false;
    for (const auto& r : results) {
        if (r.timed.result.status == CheckStatus::Fail) return "unhealthy";
        warned = warned || r.timed.result.status == CheckStatus::Warn;
    }
    return warned ? "degraded" : "healthy";
}

nlohmann::json describe(const TimedResult& timed) {
    nlohmann::json check = {{"status", toString(timed.result.status)},
                            {"latency_ms", std::round(timed.latencyMs * 1000.0) / 1000.0}};
    if (!timed.result.error.empty()) check["error"] = timed.result.error;
    if (timed.result.details.is_object())
        for (const auto& [key, value] : timed.result.details.items()) check[key] = value;
    return check;
}

http::Response noStore(http::Response response) {
    response.header("Cache-Control", "no-store");
    return response;
}

class HealthPlugin final : public Plugin {
public:
    SettingsSchema settingsSchema() const override {
        return {Setting::duration("check_timeout")
                    .range(100, 30000)
                    .defaultTo("2s")
                    .describe("how long /api/health waits for each check before reporting it failed")};
    }

    void configure(const Settings& settings) override { timeout_ = settings.getDuration("check_timeout"); }

    void start(HostContext& host) override {
        runner_ = std::make_unique<CheckRunner>(timeout_);
        const std::string version = host.info().version;
        HealthChecks& checks = host.health();

        host.router().add(http::Method::Get, "/api/health/live", http::Access::Public, [](const http::Request&) {
            return noStore(http::Response::json({{"status", "alive"}}));
        });
        host.router().add(http::Method::Get, "/api/health", http::Access::Public, [this, version, &checks](const http::Request&) {
            const auto results = runner_->runAll(checks.list());
            nlohmann::json body = {{"status", overallStatus(results)},
                                   {"timestamp", utcNow()},
                                   {"version", version},
                                   {"checks", nlohmann::json::object()}};
            for (const auto& r : results) body["checks"][r.name] = describe(r.timed);
            return noStore(http::Response::json(body, body["status"] == "unhealthy" ? 503 : 200));
        });
    }

    void stop() override {
        if (runner_) runner_->drain();
    }

private:
    std::chrono::milliseconds timeout_{2000};
    std::unique_ptr<CheckRunner> runner_;
};

}  // namespace
}  // namespace ocomms::health_plugin

OCOMMS_PLUGIN(ocomms::health_plugin::HealthPlugin, "health", OCOMMS_VERSION_STRING)
