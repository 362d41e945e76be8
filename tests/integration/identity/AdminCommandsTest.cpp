// `ocomms admin ...` against the real binary and database, checked through the HTTP API it feeds.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <regex>

#include <nlohmann/json.hpp>

#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

class AdminCommands : public ::testing::TestWithParam<Dialect> {
protected:
    AdminCommands() : database_(TestDatabase::create(GetParam())) {
        config_ = dir_.path() / "ocomms.yaml";
        std::ofstream(config_) << "data_dir: \"" << (dir_.path() / "data").string() << "\"\n"
                               << "database:\n  url: \"" << database_.url() << "\"\n"
                               << "plugins:\n  - name: health\n";
    }

    CommandResult admin(std::vector<std::string> args, std::optional<std::string> input = std::nullopt) {
        args.insert(args.begin(), "admin");
        args.push_back("--config");
        args.push_back(config_.string());
        return runOcomms(args, {}, input);
    }

    /// Signs in through the API of a server on the same database; returns the HTTP status.
    static HttpResult login(const ServerProcess& server, const std::string& email, const std::string& password) {
        return httpRequest(server.port(), "POST", "/api/auth/login",
                           nlohmann::json{{"email", email}, {"password", password}}.dump());
    }


    /// Creates organization `slug` owned by a new user with `password`, starts a server on the database
    /// and signs that user in; returns the session token.
    std::string ownerSignedIn(const std::string& slug, const std::string& email, const std::string& password) {
        const auto created = admin({"create-org", "--slug", slug, "--name", slug, "--owner-email", email}, password + "\n");
        EXPECT_EQ(created.exitCode, 0) << created.output;
        ServerOptions options;
        options.databaseUrl = database_.url();
        server_.emplace(options);
        server_->start();
        const auto signedIn = login(*server_, email, password);
        EXPECT_EQ(signedIn.status, 200) << signedIn.body;
        return nlohmann::json::parse(signedIn.body).value("token", "");
    }

    TestDatabase database_;
    TempDir dir_;
    std::optional<ServerProcess> server_;
    std::filesystem::path config_;
};

TEST_P(AdminCommands, CreateOrgWithPipedPasswordCreatesTheOwner) {
    const auto r = admin({"create-org", "--slug", "acme", "--name", "Acme Inc", "--owner-email", "Boss@Acme.test"},
                         "correct horse battery\n");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("created organization acme"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("password (shown once)"), std::string::npos) << r.output;

    ServerOptions options;
    options.databaseUrl = database_.url();
    ServerProcess server(options);
    server.start();
    const auto signedIn = login(server, "boss@acme.test", "correct horse battery");
    ASSERT_EQ(signedIn.status, 200) << signedIn.body;
    const auto token = nlohmann::json::parse(signedIn.body)["token"].get<std::string>();
    const auto me = httpRequest(server.port(), "GET", "/api/me", "", {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(me.status, 200) << me.body;
    const auto body = nlohmann::json::parse(me.body);
    EXPECT_TRUE(body["user"]["instance_admin"].get<bool>()) << "the first user administers the instance";
    ASSERT_EQ(body["memberships"].size(), 1u);
    EXPECT_EQ(body["memberships"][0]["org"]["slug"], "acme");
    EXPECT_EQ(body["memberships"][0]["role"], "owner");
}

TEST_P(AdminCommands, GeneratedPasswordIsPrintedOnceAndWorks) {
    const auto r = admin({"create-org", "--slug", "acme", "--name", "Acme", "--owner-email", "owner@acme.test"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    std::smatch found;
    ASSERT_TRUE(std::regex_search(r.output, found, std::regex("password \\(shown once\\): (\\S+)"))) << r.output;
    const std::string password = found[1];
    EXPECT_EQ(password.size(), 20u);

    ServerOptions options;
    options.databaseUrl = database_.url();
    ServerProcess server(options);
    server.start();
    EXPECT_EQ(login(server, "owner@acme.test", password).status, 200);
}

TEST_P(AdminCommands, SecondOrganizationForAnExistingOwner) {
    ASSERT_EQ(admin({"create-org", "--slug", "one", "--name", "One", "--owner-email", "o@x.test"}, "password-one-1\n")
                  .exitCode,
              0);
    const auto r = admin({"create-org", "--slug", "two", "--name", "Two", "--owner-email", "o@x.test"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output.find("created user"), std::string::npos) << r.output;
    const auto duplicate = admin({"create-org", "--slug", "two", "--name", "Again", "--owner-email", "o@x.test"});
    EXPECT_EQ(duplicate.exitCode, 1) << duplicate.output;
    EXPECT_NE(duplicate.output.find("two"), std::string::npos) << duplicate.output;
}

TEST_P(AdminCommands, ResetPasswordReplacesItAndSignsOutEverywhere) {
    const std::string oldToken = ownerSignedIn("acme", "u@acme.test", "first-password-1");
    const ServerProcess& server = *server_;

    const auto r = admin({"reset-password", "--email", "u@acme.test"}, "second-password-2\n");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(login(server, "u@acme.test", "first-password-1").status, 401);
    EXPECT_EQ(login(server, "u@acme.test", "second-password-2").status, 200);
    EXPECT_EQ(httpRequest(server.port(), "GET", "/api/me", "", {{"Authorization", "Bearer " + oldToken}}).status, 401);

    const auto unknown = admin({"reset-password", "--email", "nobody@acme.test"}, "whatever-pass-3\n");
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.output.find("no user with email nobody@acme.test"), std::string::npos) << unknown.output;
}

TEST_P(AdminCommands, DeactivatedUserIsSignedOutAndCannotSignIn) {
    const std::string token = ownerSignedIn("acme", "d@acme.test", "password-of-d-1");
    const ServerProcess& server = *server_;

    const auto r = admin({"deactivate-user", "--email", "d@acme.test"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(httpRequest(server.port(), "GET", "/api/me", "", {{"Authorization", "Bearer " + token}}).status, 401);
    EXPECT_EQ(login(server, "d@acme.test", "password-of-d-1").status, 401);
    EXPECT_NE(admin({"list-users"}).output.find("deactivated"), std::string::npos);
}

TEST_P(AdminCommands, ListUsersShowsEveryUserAndNoSecrets) {
    ASSERT_EQ(admin({"create-org", "--slug", "acme", "--name", "Acme", "--owner-email", "a@acme.test"},
                    "password-of-a-1\n")
                  .exitCode,
              0);
    ASSERT_EQ(admin({"create-org", "--slug", "beta", "--name", "Beta", "--owner-email", "b@beta.test"},
                    "password-of-b-2\n")
                  .exitCode,
              0);
    const auto r = admin({"list-users"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("a@acme.test"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("b@beta.test"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("password-of"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("$argon2id"), std::string::npos) << r.output;
}

TEST_P(AdminCommands, InvalidInputNamesTheField) {
    const auto r = admin({"create-org", "--slug", "Not A Slug", "--name", "X", "--owner-email", "x@x.test"},
                         "password-long-enough\n");
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("slug"), std::string::npos) << r.output;
    const auto shortPassword =
        admin({"create-org", "--slug", "fine", "--name", "X", "--owner-email", "y@x.test"}, "short\n");
    EXPECT_EQ(shortPassword.exitCode, 1) << shortPassword.output;
    EXPECT_NE(shortPassword.output.find("password"), std::string::npos) << shortPassword.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminCommands, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

}  // namespace
}  // namespace ocomms::test
