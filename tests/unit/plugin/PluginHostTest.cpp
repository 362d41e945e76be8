#include <gtest/gtest.h>

#include "plugin/PluginHost.hpp"

#include "support/CapturingLogger.hpp"

namespace ocomms::plugin {
namespace {

const std::filesystem::path kFixtures = OCOMMS_TEST_FIXTURE_PLUGIN_DIR;

config::PluginEntry entry(const std::string& name, int index, bool optional = false) {
    config::PluginEntry e;
    e.name = name;
    e.optional = optional;
    e.file = (kFixtures / (name + ".so")).string();
    e.keyPath = "plugins[" + std::to_string(index) + "]";
    e.location = {"test.yaml", index + 10, 5};
    e.settingsLocation = e.location;
    return e;
}

config::HostConfig configWith(std::vector<config::PluginEntry> entries) {
    config::HostConfig config;
    config.file = "test.yaml";
    config.plugins = std::move(entries);
    return config;
}

struct Services {
    http::RouteTable routes;
    test::CapturingLogger logger;
    events::EventBusImpl events{logger};
    health::HealthRegistry health;
    std::ostringstream logOutput;
    log::LogSink sink{LogLevel::Debug, log::Format::Text, logOutput};
    CoreServices core{routes, events, health, sink, nullptr, HostInfo{"test", "http://localhost", "/tmp"}};
};

std::string allMessages(const std::vector<config::ConfigIssue>& issues) {
    std::string all;
    for (const auto& i : issues) all += i.toString() + "\n";
    return all;
}

TEST(PluginHost, LoadsConfiguresAndStartsAGoodPlugin) {
    Services services;  // outlives the host, which stops its plugins when destroyed
    auto config = configWith({entry("good", 0)});
    config.plugins[0].settings = YAML::Load("answer: 7");
    test::CapturingLogger logger;
    PluginHost host(config, logger);
    const auto issues = host.load();
    ASSERT_TRUE(issues.empty()) << allMessages(issues);
    host.start(services.core);
    EXPECT_EQ(host.startedPlugins(), std::vector<std::string>{"good"});

    auto match = services.routes.match(http::Method::Get, "/api/good/answer");
    ASSERT_EQ(match.kind, http::RouteMatch::Kind::Found);
    EXPECT_EQ(match.owner, "good");
    EXPECT_EQ(nlohmann::json::parse(match.handler(http::Request{}).body)["answer"], 7);
}

TEST(PluginHost, StopRemovesEveryRouteOfThePlugin) {
    Services services;  // outlives the host, which stops its plugins when destroyed
    auto config = configWith({entry("good", 0)});
    test::CapturingLogger logger;
    PluginHost host(config, logger);
    ASSERT_TRUE(host.load().empty());
    host.start(services.core);
    host.stop();
    EXPECT_EQ(services.routes.match(http::Method::Get, "/api/good").kind, http::RouteMatch::Kind::NotFound);
    EXPECT_TRUE(host.startedPlugins().empty());
}

TEST(PluginHost, HandlerCopyKeepsTheLibraryLoadedAfterThePluginIsGone) {
    Services services;  // outlives the host, which stops its plugins when destroyed
    http::RouteMatch match;
    {
        auto config = configWith({entry("good", 0)});
        test::CapturingLogger logger;
        PluginHost host(config, logger);
        ASSERT_TRUE(host.load().empty());
            host.start(services.core);
        match = services.routes.match(http::Method::Get, "/api/good");
        ASSERT_EQ(match.kind, http::RouteMatch::Kind::Found);
    }
    // The host, the plugin and the route table are gone; the handler's code must still be mapped.
    EXPECT_EQ(nlohmann::json::parse(match.handler(http::Request{}).body)["plugin"], "good");
}

TEST(PluginHost, SettingsAreValidatedAgainstThePluginSchema) {
    auto config = configWith({entry("good", 0)});
    config.plugins[0].settings = YAML::Load("answer: 500\nextra: 1");
    test::CapturingLogger logger;
    PluginHost host(config, logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 2u) << allMessages(issues);
    const auto text = allMessages(issues);
    EXPECT_NE(text.find("plugins[0].settings.answer"), std::string::npos) << text;
    EXPECT_NE(text.find("plugins[0].settings.extra"), std::string::npos) << text;
}

TEST(PluginHost, ConfigurationErrorFromConfigureNamesTheSetting) {
    auto config = configWith({entry("configure-rejects", 0)});
    config.plugins[0].settings = YAML::Load("low: 5\nhigh: 1");
    test::CapturingLogger logger;
    PluginHost host(config, logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].keyPath, "plugins[0].settings.low");
    EXPECT_EQ(issues[0].message, "must not be greater than high");
}

TEST(PluginHost, RefusesAWrongApiVersionNamingBothSides) {
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("wrong-api", 0)}), logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].keyPath, "plugins[0]");
    EXPECT_NE(issues[0].message.find("SDK API version 999"), std::string::npos) << issues[0].message;
    EXPECT_NE(issues[0].message.find("this host provides version " + std::to_string(OCOMMS_SDK_API_VERSION)),
              std::string::npos)
        << issues[0].message;
}

TEST(PluginHost, RefusesAWrongSignatureBeforeRunningAnyOfItsCode) {
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("wrong-signature", 0)}), logger);
    // Had the library been loaded, its static initialiser would have thrown and terminated this test.
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    const auto& message = issues[0].message;
    EXPECT_NE(message.find("was built with boost 1_60, this host with boost " BOOST_LIB_VERSION), std::string::npos)
        << message;
    EXPECT_NE(message.find("wrong-signature.so"), std::string::npos) << message;
}

TEST(PluginHost, MissingFileIsAnErrorAtTheEntry) {
    auto e = entry("good", 3);
    e.file = "/nonexistent/good.so";
    test::CapturingLogger logger;
    PluginHost host(configWith({e}), logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].toString(), "test.yaml:13:5: plugins[3]: /nonexistent/good.so: no such file");
}

TEST(PluginHost, UnknownPluginNameSaysWhereItLooked) {
    auto e = entry("no-such-plugin", 0);
    e.file.clear();
    auto config = configWith({e});
    config.pluginDirs = {kFixtures};
    test::CapturingLogger logger;
    PluginHost host(config, logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_NE(issues[0].message.find("unknown plugin 'no-such-plugin'"), std::string::npos) << issues[0].message;
    EXPECT_NE(issues[0].message.find(kFixtures.string()), std::string::npos) << issues[0].message;
}

TEST(PluginHost, FindsPluginsInConfiguredDirectories) {
    auto e = entry("good", 0);
    e.file.clear();
    auto config = configWith({e});
    config.pluginDirs = {kFixtures};
    test::CapturingLogger logger;
    PluginHost host(config, logger);
    EXPECT_TRUE(host.load().empty());
}

TEST(PluginHost, MissingDependencyIsRefused) {
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("needs-missing", 0)}), logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].message, "plugin 'needs-missing' requires 'absent-plugin', which is not enabled");
}

TEST(PluginHost, DependencyCycleIsRefused) {
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("cycle-a", 0), entry("cycle-b", 1)}), logger);
    const auto issues = host.load();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_NE(issues[0].message.find("cycle: cycle-a -> cycle-b -> cycle-a"), std::string::npos) << issues[0].message;
}

TEST(PluginHost, StartsInDependencyOrderAndStopsInReverse) {
    Services services;  // outlives the host, which stops its plugins when destroyed
    // Configured dependent-first; the host must start `good` first anyway.
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("depends-on-good", 0), entry("good", 1)}), logger);
    ASSERT_TRUE(host.load().empty());
    host.start(services.core);
    EXPECT_EQ(host.startedPlugins(), (std::vector<std::string>{"good", "depends-on-good"}));
    host.stop();
    const auto lines = logger.lines();
    std::vector<std::string> stops;
    for (const auto& l : lines)
        if (l.rfind("stopped plugin", 0) == 0) stops.push_back(l);
    EXPECT_EQ(stops, (std::vector<std::string>{"stopped plugin 'depends-on-good'", "stopped plugin 'good'"}));
}

TEST(PluginHost, StartThatThrowsIsReportedWithThePluginNameAndUndone) {
    Services services;  // outlives the host, which stops its plugins when destroyed
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("good", 0), entry("start-throws", 1)}), logger);
    ASSERT_TRUE(host.load().empty());
    try {
        host.start(services.core);
        FAIL() << "start() should have thrown";
    } catch (const PluginStartError& e) {
        EXPECT_STREQ(e.what(),
                     "plugin 'start-throws' did not start: plugin 'start-throws' failed in start(): the flux "
                     "capacitor is empty");
    }
    // Its route is gone, and the plugin started before it was stopped again.
    EXPECT_EQ(services.routes.match(http::Method::Get, "/api/start-throws").kind, http::RouteMatch::Kind::NotFound);
    EXPECT_EQ(services.routes.match(http::Method::Get, "/api/good").kind, http::RouteMatch::Kind::NotFound);
    EXPECT_TRUE(host.startedPlugins().empty());
}

TEST(PluginHost, OptionalPluginThatFailsToStartIsLeftDisabled) {
    Services services;  // outlives the host, which stops its plugins when destroyed
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("start-throws", 0, true), entry("good", 1)}), logger);
    ASSERT_TRUE(host.load().empty());
    host.start(services.core);
    EXPECT_EQ(host.startedPlugins(), std::vector<std::string>{"good"});
    EXPECT_TRUE(logger.contains("optional plugin 'start-throws' is left disabled"));
}

TEST(PluginHost, OptionalPluginThatFailsToLoadIsLeftDisabled) {
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("wrong-api", 0, true), entry("good", 1)}), logger);
    EXPECT_TRUE(host.load().empty());
    EXPECT_TRUE(logger.contains("optional plugin 'wrong-api' is left disabled"));
}

TEST(PluginHost, DisabledPluginsAreNotLoaded) {
    auto e = entry("wrong-api", 0);
    e.enabled = false;
    test::CapturingLogger logger;
    PluginHost host(configWith({e}), logger);
    EXPECT_TRUE(host.load().empty());
}

TEST(PluginHost, MigrationSourcesListCoreThenPlugins) {
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("good", 0), entry("with-migrations", 1)}), logger);
    ASSERT_TRUE(host.load().empty());
    const auto sources = host.migrationSources();
    ASSERT_EQ(sources.size(), 2u);
    EXPECT_EQ(sources[0].owner, "core");
    EXPECT_EQ(sources[1].owner, "with-migrations");
    ASSERT_EQ(sources[1].table->count, 4u);  // two migrations, two dialects
    EXPECT_STREQ(sources[1].table->migrations[0].dialect, "sqlite");
    EXPECT_EQ(sources[1].table->migrations[1].version, 2);
    EXPECT_STREQ(sources[1].table->migrations[1].name, "note");
}

TEST(PluginHost, ReportShowsEveryPluginAndWhyItDoesNotLoad) {
    auto disabled = entry("good", 1);
    disabled.enabled = false;
    test::CapturingLogger logger;
    PluginHost host(configWith({entry("wrong-api", 0), disabled}), logger);
    const auto reports = host.report();
    ASSERT_GE(reports.size(), 2u);
    EXPECT_EQ(reports[0].name, "wrong-api");
    EXPECT_FALSE(reports[0].loads);
    EXPECT_EQ(reports[0].apiVersion, 999);
    EXPECT_NE(reports[0].problem.find("SDK API version 999"), std::string::npos);
    EXPECT_EQ(reports[1].name, "good");
    EXPECT_TRUE(reports[1].loads);
    EXPECT_FALSE(reports[1].enabled);
    EXPECT_EQ(reports[1].version, "1.2.3");
    EXPECT_EQ(reports[1].apiVersion, OCOMMS_SDK_API_VERSION);
}

}  // namespace
}  // namespace ocomms::plugin
