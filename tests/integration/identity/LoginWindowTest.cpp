// The login limit lifts once its window has passed (a short window from the configuration keeps it quick).
#include <gtest/gtest.h>

#include <thread>

#include "identity/IdentityApiClient.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

TEST(LoginWindow, CorrectPasswordSucceedsAfterTheWindowPasses) {
    auto database = TestDatabase::sqlite();
    ServerOptions options;
    options.databaseUrl = database.url();
    options.extraYaml = "auth:\n  login_limit:\n    per_account: 3\n    per_address: 3\n    window: 2s\n";
    ServerProcess server(options);
    server.start();
    IdentityApiClient api(server.port());
    api.registerFirstUser("ann@example.com", "alpha");

    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(api.call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", "wrong pass"}}).status,
                  401);
    const auto limited =
        api.call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", kPassword}});
    ASSERT_EQ(limited.status, 429) << limited.body;

    std::this_thread::sleep_for(std::chrono::milliseconds(2200));
    const auto later = api.call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", kPassword}});
    EXPECT_EQ(later.status, 200) << later.body;
}

TEST(LoginWindow, BehindATrustedProxyEachForwardedClientHasItsOwnLimit) {
    auto database = TestDatabase::sqlite();
    ServerOptions options;
    options.databaseUrl = database.url();
    options.extraYaml = "auth:\n  login_limit:\n    per_account: 100\n    per_address: 2\n";
    options.serverYaml = "  trusted_proxies: [\"127.0.0.1\"]\n";
    ServerProcess server(options);
    server.start();
    IdentityApiClient api(server.port());
    api.registerFirstUser("ann@example.com", "alpha");

    const auto failFrom = [&](const std::string& client) {
        return httpRequest(server.port(), "POST", "/api/auth/login",
                           R"({"email":"ann@example.com","password":"wrong password"})",
                           {{"X-Forwarded-For", client}})
            .status;
    };
    EXPECT_EQ(failFrom("198.51.100.1"), 401);
    EXPECT_EQ(failFrom("198.51.100.1"), 401);
    EXPECT_EQ(failFrom("198.51.100.1"), 429) << "the third failure from one client is over its limit";
    EXPECT_EQ(failFrom("198.51.100.2"), 401) << "another client behind the same proxy is not";
}

}  // namespace
}  // namespace ocomms::test
