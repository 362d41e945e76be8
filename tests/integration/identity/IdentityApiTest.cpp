// The identity API of the real binary on each database backend: registration, invites, sessions and
// cookies, rate limiting, bad input, the last owner, and what the database keeps.
#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "db/ConnectionPool.hpp"
#include "identity/IdentityApiClient.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

class IdentityApi : public IdentityServerTest {
protected:
    const IdentityApiClient& api() const { return *api_; }

    HttpResult me(const std::string& token) const { return api().call("GET", "/api/me", nullptr, token); }

    /// Every value of every column of every table, as text.
    std::vector<std::string> everyStoredValue() const {
        CapturingLogger logger;
        db::ConnectionPool pool(db::parseDatabaseUrl(database_.url()), 1, std::chrono::seconds(5), logger);
        pool.open(std::chrono::seconds(5));
        auto session = pool.session();
        const bool sqlite = GetParam() == Dialect::Sqlite;
        std::vector<std::string> tables(100);
        *session << (sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
            soci::into(tables);
        std::vector<std::string> values;
        for (const auto& table : tables) {
            std::vector<std::string> columns(200);
            if (sqlite) {
                *session << "SELECT name FROM pragma_table_info(:t)", soci::use(table), soci::into(columns);
            } else {
                *session << "SELECT column_name FROM information_schema.columns WHERE table_name = :t",
                    soci::use(table), soci::into(columns);
            }
            for (const auto& column : columns) {
                soci::rowset<std::string> rows = (session->prepare << "SELECT COALESCE(CAST(\"" + column +
                                                                          "\" AS TEXT), '') FROM \"" + table + "\"");
                for (const auto& value : rows) values.push_back(value);
            }
        }
        return values;
    }

};

TEST_P(IdentityApi, FirstUserRegistersAsOwnerAndInstanceAdmin) {
    const auto r = api().call("POST", "/api/auth/register",
                              {{"email", "Ann@Example.com"}, {"password", kPassword}, {"display_name", "Ann"},
                               {"org_slug", "alpha"}, {"org_name", "Alpha"}});
    ASSERT_EQ(r.status, 201) << r.body;
    const auto body = jsonOf(r);
    EXPECT_EQ(body["token"].get<std::string>().size(), 43u);
    EXPECT_TRUE(body["user"]["id"].is_number_integer());
    EXPECT_EQ(body["user"]["display_name"], "Ann");
    EXPECT_TRUE(body["user"].contains("email"));

    const auto m = me(body["token"]);
    ASSERT_EQ(m.status, 200) << m.body;
    const auto who = jsonOf(m);
    EXPECT_EQ(who["user"]["id"], body["user"]["id"]);
    EXPECT_EQ(who["user"]["display_name"], "Ann");
    EXPECT_EQ(who["user"]["instance_admin"], true);
    ASSERT_EQ(who["memberships"].size(), 1u) << who.dump();
    EXPECT_EQ(who["memberships"][0]["role"], "owner");
    EXPECT_EQ(who["memberships"][0]["org"]["slug"], "alpha");
    EXPECT_EQ(who["memberships"][0]["org"]["name"], "Alpha");
    EXPECT_TRUE(who["memberships"][0]["org"]["id"].is_number_integer());
}

TEST_P(IdentityApi, InstanceSaysWhetherItIsInitializedToAnyone) {
    const auto fresh = api().call("GET", "/api/instance");
    ASSERT_EQ(fresh.status, 200) << fresh.body;
    EXPECT_EQ(fresh.headers.at("cache-control"), "no-store");
    EXPECT_EQ(jsonOf(fresh)["initialized"], false);
    EXPECT_EQ(jsonOf(fresh)["open_registration"], false);
    EXPECT_EQ(jsonOf(fresh)["version"], OCOMMS_VERSION);

    api().registerFirstUser("ann@example.com", "alpha");
    const auto initialized = api().call("GET", "/api/instance");
    ASSERT_EQ(initialized.status, 200) << initialized.body;
    EXPECT_EQ(jsonOf(initialized)["initialized"], true);
}

TEST_P(IdentityApi, FreshInstanceNeedsTheOrganizationFields) {
    const auto r = api().call("POST", "/api/auth/register",
                              {{"email", "ann@example.com"}, {"password", kPassword}, {"display_name", "Ann"}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(errorCodeOf(r), "missing_field");
    EXPECT_EQ(errorMessageOf(r), "org_slug: is required");
}

TEST_P(IdentityApi, SecondRegistrationWithoutInviteIsClosed) {
    api().registerFirstUser("ann@example.com", "alpha");
    const auto r = api().call("POST", "/api/auth/register",
                              {{"email", "bob@example.com"}, {"password", kPassword}, {"display_name", "Bob"},
                               {"org_slug", "beta"}, {"org_name", "Beta"}});
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(errorCodeOf(r), "registration_closed");
}

TEST_P(IdentityApi, AdminInvitesNewUserWhoRegistersWithTheInvite) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    const auto admin = api().newMember(owner, "alpha", "admin", "adam@example.com");

    const auto created = api().call("POST", "/api/orgs/alpha/invites", nlohmann::json::object(), admin.token);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto invite = jsonOf(created);
    EXPECT_FALSE(invite["token"].get<std::string>().empty());
    EXPECT_TRUE(std::regex_match(invite["expires_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)")))
        << invite["expires_at"];

    const auto mia = api().registerWithInvite(invite["token"], "mia@example.com");
    const auto who = jsonOf(me(mia.token));
    ASSERT_EQ(who["memberships"].size(), 1u) << who.dump();
    EXPECT_EQ(who["memberships"][0]["org"]["slug"], "alpha");
    EXPECT_EQ(who["memberships"][0]["role"], "member");
    EXPECT_EQ(who["user"]["instance_admin"], false);

    // One use only.
    const auto again = api().call("POST", "/api/auth/register",
                                  {{"email", "max@example.com"}, {"password", kPassword}, {"display_name", "Max"},
                                   {"invite", invite["token"]}});
    EXPECT_EQ(again.status, 404) << again.body;
    EXPECT_EQ(errorCodeOf(again), "invite_not_found");
}

TEST_P(IdentityApi, InviteRoleIsMemberOrAdminNeverOwner) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    const auto r = api().call("POST", "/api/orgs/alpha/invites", {{"role", "owner"}}, owner.token);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(errorCodeOf(r), "invalid_field");
    EXPECT_EQ(errorMessageOf(r).rfind("role: ", 0), 0u) << r.body;
    EXPECT_EQ(api().call("POST", "/api/orgs/alpha/invites", {{"role", "chief"}}, owner.token).status, 400);

    const auto admin = api().newMember(owner, "alpha", "admin", "adam@example.com");
    const auto who = jsonOf(me(admin.token));
    EXPECT_EQ(who["memberships"][0]["role"], "admin");
}

TEST_P(IdentityApi, ExistingUserAcceptsAnInvite) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    api().createOrganization(owner, "beta");
    const auto bob = api().newMember(owner, "beta", "member", "bob@example.com");

    const auto invite = api().invite(owner, "alpha", "admin");
    const auto accepted = api().call("POST", "/api/invites/" + invite + "/accept", nullptr, bob.token);
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    const auto body = jsonOf(accepted);
    EXPECT_EQ(body["org"]["slug"], "alpha");
    EXPECT_EQ(body["org"]["name"], "Organization alpha");
    EXPECT_TRUE(body["org"]["id"].is_number_integer());
    EXPECT_EQ(body["role"], "admin");
    EXPECT_EQ(jsonOf(api().call("GET", "/api/orgs/alpha", nullptr, bob.token))["role"], "admin");

    const auto used = api().call("POST", "/api/invites/" + invite + "/accept", nullptr, bob.token);
    EXPECT_EQ(used.status, 404) << used.body;
    EXPECT_EQ(errorCodeOf(used), "invite_not_found");

    const auto second = api().invite(owner, "alpha", "member");
    const auto already = api().call("POST", "/api/invites/" + second + "/accept", nullptr, bob.token);
    EXPECT_EQ(already.status, 409) << already.body;
    EXPECT_EQ(errorCodeOf(already), "already_member");

    const auto unknown = api().call("POST", "/api/invites/no-such-invite/accept", nullptr, bob.token);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(errorCodeOf(unknown), "invite_not_found");
}

TEST_P(IdentityApi, LoginGivesANewTokenAndLogoutEndsIt) {
    const auto registered = api().registerFirstUser("ann@example.com", "alpha");
    const auto login = api().call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", kPassword}});
    ASSERT_EQ(login.status, 200) << login.body;
    const auto body = jsonOf(login);
    EXPECT_EQ(body["user"]["id"], registered.id);
    EXPECT_EQ(body["user"]["email"], "ann@example.com");
    const std::string token = body["token"];
    EXPECT_NE(token, registered.token);
    EXPECT_EQ(me(token).status, 200);

    const auto out = api().call("POST", "/api/auth/logout", nullptr, token);
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.headers.at("set-cookie").find("Max-Age=0"), std::string::npos) << out.headers.at("set-cookie");
    const auto after = me(token);
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(errorCodeOf(after), "unauthenticated");
    EXPECT_EQ(api().call("POST", "/api/auth/logout", nullptr, token).status, 401);
    EXPECT_EQ(me(registered.token).status, 200) << "logout ended only the session it was called with";
}

TEST_P(IdentityApi, WrongPasswordAndUnknownEmailAnswerAlike) {
    api().registerFirstUser("ann@example.com", "alpha");
    const auto wrong = api().call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", "not the password"}});
    const auto unknown = api().call("POST", "/api/auth/login", {{"email", "nobody@example.com"}, {"password", kPassword}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(errorCodeOf(wrong), "invalid_credentials");
    EXPECT_EQ(unknown.status, wrong.status);
    EXPECT_EQ(unknown.body, wrong.body);
}

TEST_P(IdentityApi, CookieIsHttpOnlyStrictAndAuthenticates) {
    api().registerFirstUser("ann@example.com", "alpha");
    const auto login = api().call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", kPassword}});
    ASSERT_EQ(login.status, 200);
    const std::string token = jsonOf(login)["token"];
    const auto cookie = login.headers.at("set-cookie");
    EXPECT_EQ(cookie.rfind("ocomms_session=" + token + ";", 0), 0u) << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Max-Age=2592000"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "public_url is http: " << cookie;

    const std::map<std::string, std::string> withCookie{{"Cookie", "theme=dark; ocomms_session=" + token}};
    const auto m = api().raw("GET", "/api/me", "", withCookie);
    EXPECT_EQ(m.status, 200) << m.body;
    const auto out = api().raw("POST", "/api/auth/logout", "", withCookie);
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(out.headers.at("set-cookie").rfind("ocomms_session=;", 0), 0u) << out.headers.at("set-cookie");
    EXPECT_EQ(api().raw("GET", "/api/me", "", withCookie).status, 401);
}

TEST_P(IdentityApi, EleventhFailedLoginInAMinuteIsRefusedWithRetryAfter) {
    api().registerFirstUser("ann@example.com", "alpha");
    for (int i = 0; i < 10; ++i) {
        // Unknown emails and wrong passwords both count, against this client's address.
        const auto email = i % 2 == 0 ? "ann@example.com" : "nobody" + std::to_string(i) + "@example.com";
        const auto r = api().call("POST", "/api/auth/login", {{"email", email}, {"password", "wrong password"}});
        ASSERT_EQ(r.status, 401) << "attempt " << i + 1 << ": " << r.body;
    }
    const auto refused = api().call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", "wrong"}});
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(errorCodeOf(refused), "too_many_attempts");
    ASSERT_TRUE(refused.headers.contains("retry-after"));
    const int retryAfter = std::stoi(refused.headers.at("retry-after"));
    EXPECT_GE(retryAfter, 1);
    EXPECT_LE(retryAfter, 60);

    // The password is not even checked while limited, and an unknown email is told the same.
    const auto right = api().call("POST", "/api/auth/login", {{"email", "ann@example.com"}, {"password", kPassword}});
    EXPECT_EQ(right.status, 429);
    const auto unknown = api().call("POST", "/api/auth/login", {{"email", "who@example.com"}, {"password", "x"}});
    EXPECT_EQ(unknown.status, 429);
    EXPECT_EQ(errorMessageOf(unknown), errorMessageOf(right));
}

TEST_P(IdentityApi, BadInputIsRefusedNamingTheField) {
    struct Case {
        std::string body;
        std::string code;
        std::string message;  ///< empty: not compared
    };
    const std::string longName(101, 'x');
    const std::vector<Case> cases = {
        {R"({"email": "ann@example.com", )", "invalid_json", ""},
        {R"(["ann@example.com"])", "invalid_body", ""},
        {R"({"password": "correct horse battery staple", "display_name": "Ann"})", "missing_field", "email: is required"},
        {R"({"email": 7, "password": "correct horse battery staple", "display_name": "Ann"})", "invalid_field",
         "email: must be a string"},
        {R"({"email": "ann@example.com", "password": "correct horse battery staple", "display_name": ")" + longName +
             R"(", "org_slug": "alpha", "org_name": "Alpha"})",
         "invalid_field", "display_name: must be at most 100 characters"},
        {R"({"email": "ann@example.com", "password": "correct horse battery staple", "display_name": "Ann",
             "org_slug": "alpha", "org_name": false})",
         "invalid_field", "org_name: must be a string"},
    };
    for (const auto& c : cases) {
        const auto r = api().raw("POST", "/api/auth/register", c.body);
        EXPECT_EQ(r.status, 400) << c.body << ": " << r.body;
        EXPECT_EQ(errorCodeOf(r), c.code) << c.body;
        if (!c.message.empty()) {
            EXPECT_EQ(errorMessageOf(r), c.message) << c.body;
        }
    }
    const auto login = api().raw("POST", "/api/auth/login", R"({"email": "ann@example.com"})");
    EXPECT_EQ(login.status, 400);
    EXPECT_EQ(errorMessageOf(login), "password: is required");
}

TEST_P(IdentityApi, OrganizationIsCreatedBySlugAndTheSlugIsUnique) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    const auto bob = api().newMember(owner, "alpha", "member", "bob@example.com");
    const auto created = api().call("POST", "/api/orgs", {{"slug", "bobs-team"}, {"name", "Bob's team"}}, bob.token);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(jsonOf(created)["slug"], "bobs-team");
    EXPECT_EQ(jsonOf(created)["name"], "Bob's team");
    EXPECT_TRUE(jsonOf(created)["id"].is_number_integer());

    const auto shown = jsonOf(api().call("GET", "/api/orgs/bobs-team", nullptr, bob.token));
    EXPECT_EQ(shown["role"], "owner");
    EXPECT_EQ(shown["id"], jsonOf(created)["id"]);

    const auto taken = api().call("POST", "/api/orgs", {{"slug", "alpha"}, {"name", "Again"}}, bob.token);
    EXPECT_EQ(taken.status, 409) << taken.body;
    EXPECT_EQ(errorCodeOf(taken), "slug_taken");
}

TEST_P(IdentityApi, MembersAreListedAndRolesChanged) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    const auto bob = api().newMember(owner, "alpha", "member", "bob@example.com");
    const auto list = jsonOf(api().call("GET", "/api/orgs/alpha/members", nullptr, bob.token));
    ASSERT_EQ(list["members"].size(), 2u) << list.dump();
    for (const auto& m : list["members"]) {
        EXPECT_TRUE(m["id"].is_number_integer());
        EXPECT_TRUE(m["email"].is_string());
        EXPECT_TRUE(m["display_name"].is_string());
        EXPECT_TRUE(m["role"] == "owner" || m["role"] == "member") << m.dump();
    }

    const auto path = "/api/orgs/alpha/members/" + std::to_string(bob.id);
    const auto changed = api().call("PATCH", path, {{"role", "admin"}}, owner.token);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(jsonOf(changed)["id"], bob.id);
    EXPECT_EQ(jsonOf(changed)["role"], "admin");
    EXPECT_EQ(jsonOf(changed)["email"], "bob@example.com");

    const auto badRole = api().call("PATCH", path, {{"role", "king"}}, owner.token);
    EXPECT_EQ(badRole.status, 400);
    EXPECT_EQ(errorMessageOf(badRole).rfind("role: ", 0), 0u) << badRole.body;
    EXPECT_EQ(errorCodeOf(api().call("PATCH", "/api/orgs/alpha/members/bob", {{"role", "admin"}}, owner.token)),
              "member_not_found");
    EXPECT_EQ(api().call("PATCH", "/api/orgs/alpha/members/999999", {{"role", "admin"}}, owner.token).status, 404);
    EXPECT_EQ(api().call("DELETE", "/api/orgs/alpha/members/999999", nullptr, owner.token).status, 404);
}

TEST_P(IdentityApi, LastOwnerCannotBeDemotedOrRemoved) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    const auto self = "/api/orgs/alpha/members/" + std::to_string(owner.id);
    const auto demote = api().call("PATCH", self, {{"role", "admin"}}, owner.token);
    EXPECT_EQ(demote.status, 409) << demote.body;
    EXPECT_EQ(errorCodeOf(demote), "last_owner");
    const auto leave = api().call("DELETE", self, nullptr, owner.token);
    EXPECT_EQ(leave.status, 409) << leave.body;
    EXPECT_EQ(errorCodeOf(leave), "last_owner");

    // With a second owner, the first may step down.
    const auto bob = api().newMember(owner, "alpha", "admin", "bob@example.com");
    ASSERT_EQ(api().call("PATCH", "/api/orgs/alpha/members/" + std::to_string(bob.id), {{"role", "owner"}}, owner.token)
                  .status,
              200);
    EXPECT_EQ(api().call("PATCH", self, {{"role", "admin"}}, owner.token).status, 200);
    EXPECT_EQ(jsonOf(api().call("GET", "/api/orgs/alpha", nullptr, owner.token))["role"], "admin");
    EXPECT_EQ(api().call("PATCH", self, {{"role", "owner"}}, owner.token).status, 403)
        << "no longer an owner, so the owner-only route refuses";
}

TEST_P(IdentityApi, DatabaseHoldsNoTokenAndNoPassword) {
    const auto owner = api().registerFirstUser("ann@example.com", "alpha");
    const auto login = api().login("ann@example.com");
    const auto invite = api().invite(owner, "alpha", "member");
    const auto used = api().invite(owner, "alpha", "member");
    const auto bob = api().registerWithInvite(used, "bob@example.com");
    const auto values = everyStoredValue();
    ASSERT_FALSE(values.empty());
    bool sawEmail = false;
    for (const auto& value : values) {
        sawEmail = sawEmail || value.find("ann@example.com") != std::string::npos;
        for (const auto& secret : {owner.token, login.token, bob.token, invite, used, kPassword}) {
            EXPECT_EQ(value.find(secret), std::string::npos) << "stored value holds a secret: " << value;
        }
    }
    EXPECT_TRUE(sawEmail) << "the scan reads the tables (it found no email)";
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityApi, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

}  // namespace
}  // namespace ocomms::test
