// Every identity route called as an owner, an admin and a member of the organization in its path, as a
// signed-in user of another organization, and anonymously: each gets exactly the status docs/api.md
// documents. And a user of one organization learns nothing of another: 404 on all its routes.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "identity/IdentityApiClient.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

enum class As { Owner, Admin, Member, Outsider, Anonymous };
const std::vector<As> kCallers = {As::Owner, As::Admin, As::Member, As::Outsider, As::Anonymous};

std::string nameOf(As as) {
    switch (as) {
        case As::Owner: return "owner";
        case As::Admin: return "admin";
        case As::Member: return "member";
        case As::Outsider: return "non-member";
        case As::Anonymous: return "anonymous";
    }
    return "?";
}

struct Expected {
    std::string route;
    int owner, admin, member, outsider, anonymous;
    int forCaller(As as) const {
        switch (as) {
            case As::Owner: return owner;
            case As::Admin: return admin;
            case As::Member: return member;
            case As::Outsider: return outsider;
            case As::Anonymous: return anonymous;
        }
        return 0;
    }
};

// {org} is the organization of the owner, admin and member; the non-member belongs only to another.
// Public routes ignore who calls; the login is made with the caller's own credentials (the anonymous
// caller uses the member's).
const std::vector<Expected> kMatrix = {
    //  route                                     owner admin member non-member anonymous
    {"POST /api/auth/register",                    403,  403,  403,   403,       403},
    {"POST /api/auth/login",                       200,  200,  200,   200,       200},
    {"POST /api/auth/logout",                      204,  204,  204,   204,       401},
    {"GET /api/me",                                200,  200,  200,   200,       401},
    {"POST /api/orgs",                             201,  201,  201,   201,       401},
    {"GET /api/orgs/{org}",                        200,  200,  200,   404,       401},
    {"GET /api/orgs/{org}/members",                200,  200,  200,   404,       401},
    {"POST /api/orgs/{org}/invites",               201,  201,  403,   404,       401},
    {"POST /api/invites/{token}/accept",           200,  200,  200,   200,       401},
    {"PATCH /api/orgs/{org}/members/{user}",       200,  403,  403,   404,       401},
    {"DELETE /api/orgs/{org}/members/{user}",      204,  204,  403,   404,       401},
};

class RoleMatrix : public IdentityServerTest {
protected:
    void SetUp() override {
        IdentityServerTest::SetUp();

        owner_ = api_->registerFirstUser("owner@example.com", "alpha");
        admin_ = api_->newMember(owner_, "alpha", "admin", "admin@example.com");
        member_ = api_->newMember(owner_, "alpha", "member", "member@example.com");
        api_->createOrganization(owner_, "beta");
        outsider_ = api_->newMember(owner_, "beta", "member", "outsider@example.com");
        // The organization whose invites every caller accepts: none of them belongs to it.
        inviter_ = api_->newMember(owner_, "beta", "member", "inviter@example.com");
        api_->createOrganization(inviter_, "gamma");
    }

    std::optional<Account> account(As as) const {
        switch (as) {
            case As::Owner: return owner_;
            case As::Admin: return admin_;
            case As::Member: return member_;
            case As::Outsider: return outsider_;
            case As::Anonymous: return std::nullopt;
        }
        return std::nullopt;
    }

    std::string tokenOf(As as) const {
        const auto a = account(as);
        return a ? a->token : "";
    }

    /// One call of `route` as `as`, with whatever the call needs made fresh for it.
    HttpResult callRoute(const std::string& route, As as) {
        const auto token = tokenOf(as);
        const auto& api = *api_;
        const auto n = std::to_string(++calls_);
        if (route == "POST /api/auth/register") {
            return api.call("POST", "/api/auth/register",
                            {{"email", "new" + n + "@example.com"}, {"password", kPassword}, {"display_name", "New"}},
                            token);
        }
        if (route == "POST /api/auth/login") {
            const auto email = (as == As::Anonymous ? member_ : *account(as)).email;
            return api.call("POST", "/api/auth/login", {{"email", email}, {"password", kPassword}}, token);
        }
        if (route == "POST /api/auth/logout") {
            // A second session of the caller, so that the one the other calls use stays alive.
            const auto fresh = as == As::Anonymous ? "" : api.login(account(as)->email).token;
            return api.call("POST", "/api/auth/logout", nullptr, fresh);
        }
        if (route == "GET /api/me") return api.call("GET", "/api/me", nullptr, token);
        if (route == "POST /api/orgs") {
            return api.call("POST", "/api/orgs", {{"slug", "org-" + n}, {"name", "Org " + n}}, token);
        }
        if (route == "GET /api/orgs/{org}") return api.call("GET", "/api/orgs/alpha", nullptr, token);
        if (route == "GET /api/orgs/{org}/members") return api.call("GET", "/api/orgs/alpha/members", nullptr, token);
        if (route == "POST /api/orgs/{org}/invites") {
            return api.call("POST", "/api/orgs/alpha/invites", {{"role", "member"}}, token);
        }
        if (route == "POST /api/invites/{token}/accept") {
            const auto invite = api.invite(inviter_, "gamma", "member");
            return api.call("POST", "/api/invites/" + invite + "/accept", nullptr, token);
        }
        if (route == "PATCH /api/orgs/{org}/members/{user}") {
            return api.call("PATCH", "/api/orgs/alpha/members/" + std::to_string(member_.id), {{"role", "member"}},
                            token);
        }
        if (route == "DELETE /api/orgs/{org}/members/{user}") {
            const auto victim = api.newMember(owner_, "alpha", "member", "victim" + n + "@example.com");
            return api.call("DELETE", "/api/orgs/alpha/members/" + std::to_string(victim.id), nullptr, token);
        }
        ADD_FAILURE() << "no call for route " << route;
        return {};
    }

    Account owner_, admin_, member_, outsider_, inviter_;
    int calls_ = 0;
};

TEST_P(RoleMatrix, EveryRouteAnswersEachCallerWithTheDocumentedStatus) {
    for (const auto& expected : kMatrix) {
        for (const auto as : kCallers) {
            const auto r = callRoute(expected.route, as);
            EXPECT_EQ(r.status, expected.forCaller(as)) << expected.route << " as " << nameOf(as) << ": " << r.body;
        }
    }
}

TEST_P(RoleMatrix, RefusalsCarryTheDocumentedErrorCodes) {
    const auto& api = *api_;
    EXPECT_EQ(errorCodeOf(api.call("GET", "/api/me")), "unauthenticated");
    EXPECT_EQ(errorCodeOf(api.call("GET", "/api/me", nullptr, "not-a-real-token")), "unauthenticated");
    EXPECT_EQ(errorCodeOf(api.call("GET", "/api/orgs/alpha", nullptr, outsider_.token)), "not_found");
    EXPECT_EQ(errorCodeOf(api.call("POST", "/api/orgs/alpha/invites", {{"role", "member"}}, member_.token)),
              "forbidden");
    EXPECT_EQ(errorCodeOf(api.call("DELETE", "/api/orgs/alpha/members/" + std::to_string(admin_.id), nullptr,
                                   member_.token)),
              "forbidden");
    EXPECT_EQ(errorCodeOf(api.call("POST", "/api/auth/register",
                                   {{"email", "x@example.com"}, {"password", kPassword}, {"display_name", "X"}})),
              "registration_closed");
}

TEST_P(RoleMatrix, MemberMayLeaveButAdminMayNotRemoveAnOwner) {
    const auto& api = *api_;
    const auto path = [](const Account& a) { return "/api/orgs/alpha/members/" + std::to_string(a.id); };
    EXPECT_EQ(api.call("DELETE", path(owner_), nullptr, admin_.token).status, 403);
    EXPECT_EQ(api.call("DELETE", path(member_), nullptr, member_.token).status, 204);
    EXPECT_EQ(api.call("GET", "/api/orgs/alpha", nullptr, member_.token).status, 404);
}

TEST_P(RoleMatrix, UserOfOneOrganizationGetsNotFoundOnEveryRouteOfAnother) {
    const auto& api = *api_;
    const auto betaMember = "/api/orgs/beta/members/" + std::to_string(outsider_.id);
    const std::vector<std::pair<std::string, std::string>> betaRoutes = {
        {"GET", "/api/orgs/beta"},
        {"GET", "/api/orgs/beta/members"},
        {"POST", "/api/orgs/beta/invites"},
        {"PATCH", betaMember},
        {"DELETE", betaMember},
    };
    // The admin and the member belong to alpha only; the non-member belongs to beta only.
    for (const auto& [method, path] : betaRoutes) {
        for (const auto* user : {&admin_, &member_}) {
            const auto body = method == "PATCH" ? nlohmann::json{{"role", "admin"}} : nlohmann::json{{"role", "member"}};
            const auto r = api.call(method, path, method == "GET" ? nlohmann::json() : body, user->token);
            EXPECT_EQ(r.status, 404) << method << " " << path << " as " << user->email << ": " << r.body;
            EXPECT_EQ(errorCodeOf(r), "not_found") << method << " " << path;
        }
    }
    // An organization that exists answers exactly as one that does not.
    const auto hidden = api.call("GET", "/api/orgs/beta", nullptr, member_.token);
    const auto missing = api.call("GET", "/api/orgs/no-such-org", nullptr, member_.token);
    EXPECT_EQ(hidden.status, missing.status);
    EXPECT_EQ(jsonOf(hidden)["error"]["code"], jsonOf(missing)["error"]["code"]);
    EXPECT_EQ(jsonOf(hidden)["error"]["message"], jsonOf(missing)["error"]["message"]);
    // Nothing was changed in beta by those calls.
    const auto members = jsonOf(api.call("GET", "/api/orgs/beta/members", nullptr, owner_.token))["members"];
    EXPECT_EQ(members.size(), 3u) << members.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, RoleMatrix, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

}  // namespace
}  // namespace ocomms::test
