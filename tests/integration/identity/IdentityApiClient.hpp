// Calls to the identity API of a running server, for the integration tests: JSON in, statuses and JSON
// out, and the few steps most tests begin with (the first user, invites, more users).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {

inline const std::string kPassword = "correct horse battery staple";

struct Account {
    std::int64_t id = 0;
    std::string email;
    std::string token;
};

inline nlohmann::json jsonOf(const HttpResult& result) {
    return result.body.empty() ? nlohmann::json() : nlohmann::json::parse(result.body);
}

inline std::string errorCodeOf(const HttpResult& result) {
    const auto body = jsonOf(result);
    return body.contains("error") ? body["error"]["code"].get<std::string>() : "";
}

inline std::string errorMessageOf(const HttpResult& result) {
    const auto body = jsonOf(result);
    return body.contains("error") ? body["error"]["message"].get<std::string>() : "";
}

class IdentityApiClient {
public:
    explicit IdentityApiClient(std::uint16_t port) : port_(port) {}

    /// `token` empty: anonymous. A null `body` sends no body.
    HttpResult call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
                    const std::string& token = "") const {
        std::map<std::string, std::string> headers;
        if (!token.empty()) headers["Authorization"] = "Bearer " + token;
        return httpRequest(port_, method, path, body.is_null() ? "" : body.dump(), headers);
    }

    HttpResult raw(const std::string& method, const std::string& path, const std::string& body,
                   const std::map<std::string, std::string>& headers = {}) const {
        return httpRequest(port_, method, path, body, headers);
    }

    Account registerFirstUser(const std::string& email, const std::string& slug) const {
        return signedIn(call("POST", "/api/auth/register",
                             {{"email", email}, {"password", kPassword}, {"display_name", nameOf(email)},
                              {"org_slug", slug}, {"org_name", "Organization " + slug}}),
                        201, email);
    }

    /// `displayName` empty: the email's local part.
    Account registerWithInvite(const std::string& invite, const std::string& email,
                               const std::string& displayName = "") const {
        return signedIn(call("POST", "/api/auth/register",
                             {{"email", email}, {"password", kPassword},
                              {"display_name", displayName.empty() ? nameOf(email) : displayName},
                              {"invite", invite}}),
                        201, email);
    }

    Account login(const std::string& email, const std::string& password = kPassword) const {
        return signedIn(call("POST", "/api/auth/login", {{"email", email}, {"password", password}}), 200, email);
    }

    std::string invite(const Account& by, const std::string& org, const std::string& role) const {
        const auto r = call("POST", "/api/orgs/" + org + "/invites", {{"role", role}}, by.token);
        expect(r, 201, "invite to " + org);
        return jsonOf(r)["token"].get<std::string>();
    }

    /// A new user who joins `org` with `role` through an invite made by `by`.
    Account newMember(const Account& by, const std::string& org, const std::string& role, const std::string& email,
                      const std::string& displayName = "") const {
        return registerWithInvite(invite(by, org, role), email, displayName);
    }

    void createOrganization(const Account& by, const std::string& slug) const {
        expect(call("POST", "/api/orgs", {{"slug", slug}, {"name", "Organization " + slug}}, by.token), 201,
               "create " + slug);
    }

private:
    static std::string nameOf(const std::string& email) { return email.substr(0, email.find('@')); }

    static void expect(const HttpResult& r, int status, const std::string& what) {
        if (r.status != status) {
            throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                                     std::to_string(r.status) + " " + r.body);
        }
    }

    static Account signedIn(const HttpResult& r, int status, const std::string& email) {
        expect(r, status, "sign in " + email);
        const auto body = jsonOf(r);
        return Account{body["user"]["id"].get<std::int64_t>(), email, body["token"].get<std::string>()};
    }

    std::uint16_t port_;
};

/// A fresh database of the test's dialect and a real server on it, with an API client.
class IdentityServerTest : public ::testing::TestWithParam<Dialect> {
protected:
    IdentityServerTest() : database_(TestDatabase::create(GetParam())) {}

    void SetUp() override {
        ServerOptions options;
        options.databaseUrl = database_.url();
        configure(options);
        server_.emplace(options);
        server_->start();
        api_.emplace(server_->port());
    }

    /// Lets a derived fixture load more plugins or change the server's settings.
    virtual void configure(ServerOptions& options) { (void)options; }

    TestDatabase database_;
    std::optional<ServerProcess> server_;
    std::optional<IdentityApiClient> api_;
};

}  // namespace ocomms::test
