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

}  // namespace
}  // namespace ocomms::test
