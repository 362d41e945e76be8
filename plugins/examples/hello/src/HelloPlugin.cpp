// `hello`: the smallest useful plugin. It shows settings, a route, a migration of its own, bound SQL
// parameters, a health check and logging; docs/plugins.md walks through it.
#include <chrono>
#include <string>

#include <ocomms/ocomms.hpp>

namespace {

class HelloPlugin final : public ocomms::Plugin {
public:
    ocomms::SettingsSchema settingsSchema() const override {
        return {ocomms::Setting::string("greeting").nonEmpty().defaultTo("hello").describe("what /ping answers")};
    }

    void configure(const ocomms::Settings& settings) override { greeting_ = settings.getString("greeting"); }

    void start(ocomms::HostContext& host) override {
        host_ = &host;
        host.router().add(ocomms::http::Method::Get, "/api/plugins/hello/ping", ocomms::http::Access::Public,
                          [this](const ocomms::http::Request&) { return ping(); });
        host.health().add("hello", [] { return ocomms::CheckResult::ok(); });
        host.logger().info("saying '" + greeting_ + "'");
    }

private:
    ocomms::http::Response ping() {
        // Every answer is recorded, to show a plugin's own table and bound parameters.
        long long count = 0;
        host_->database().transaction([&](soci::session& sql) {
            const std::string now = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
            sql << "INSERT INTO hello_greetings (greeting, created_at) VALUES (:g, :t)", soci::use(greeting_),
                soci::use(now);
            sql << "SELECT COUNT(*) FROM hello_greetings", soci::into(count);
        });
        return ocomms::http::Response::json({{"greeting", greeting_}, {"count", count}});
    }

    std::string greeting_;
    ocomms::HostContext* host_ = nullptr;
};

}  // namespace

OCOMMS_PLUGIN(HelloPlugin, "hello", "1.0.0")
