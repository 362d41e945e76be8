#include "identity/api/AuthRoutes.hpp"

#include <nlohmann/json.hpp>

#include "identity/SessionToken.hpp"
#include "identity/api/ClientAddress.hpp"
#include "identity/api/FieldLimits.hpp"
#include "identity/api/IdentityJson.hpp"
#include "identity/api/JsonFields.hpp"
#include "identity/api/RequestCaller.hpp"
#include "identity/api/SessionCookie.hpp"

namespace ocomms::identity::api {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response signedIn(const IssuedSession& session, int status, const IdentityService& identity,
                  const IdentityApiOptions& options) {
    auto response = Response::json(sessionJson(session), status);
    response.header("Set-Cookie", sessionCookie(session.token, identity.settings().sessionTtl, options.secureCookies));
    response.header("Cache-Control", "no-store");
    return response;
}

NewAccount accountFrom(const JsonFields& fields) {
    return NewAccount{fields.requiredString("email", limits::kEmail),
                      fields.requiredString("password", limits::kPassword),
                      fields.requiredString("display_name", limits::kDisplayName)};
}

IssuedSession registerAccount(IdentityService& identity, const JsonFields& fields) {
    const auto account = accountFrom(fields);
    if (!identity.hasUsers()) {
        const NewOrganization organization{fields.requiredString("org_slug", limits::kSlug),
                                           fields.requiredString("org_name", limits::kOrganizationName)};
        return identity.registerFirstUser(account, organization);
    }
    if (auto invite = fields.optionalString("invite", limits::kToken)) return identity.registerWithInvite(account, *invite);
    return identity.registerOpen(account);
}

Response tooManyAttempts(std::chrono::seconds retryAfter) {
    auto response = Response::error(429, "too_many_attempts", "too many failed sign-in attempts; try again later");
    response.header("Retry-After", std::to_string(retryAfter.count()));
    return response;
}

Response login(IdentityService& identity, LoginRateLimiter& limiter, const IdentityApiOptions& options,
               const Request& request) {
    const auto fields = JsonFields::of(request);
    const auto email = fields.requiredString("email", limits::kEmail);
    const auto password = fields.requiredString("password", limits::kPassword);
    const auto address = clientAddress(request.remoteAddress);
    if (const auto wait = limiter.retryAfter(email, address)) return tooManyAttempts(*wait);
    try {
        const auto session = identity.login(email, password);
        limiter.recordSuccess(email);
        return signedIn(session, 200, identity, options);
    } catch (const http::HttpError& e) {
        // A must-reset answer counts too, so that probing which accounts await a password is limited.
        if (e.status() == 401 || e.code() == "password_reset_required") limiter.recordFailure(email, address);
        throw;
    }
}

Response logout(IdentityService& identity, const IdentityApiOptions& options, const Request& request) {
    if (const auto token = sessionTokenOf(request)) identity.logout(*token);
    Response response;
    response.status = 204;
    response.header("Set-Cookie", clearedSessionCookie(options.secureCookies));
    return response;
}

Response me(IdentityService& identity, const Request& request) {
    const auto& user = callerOf(request).user;
    auto userBody = userJson(user);
    userBody["instance_admin"] = user.instanceAdmin;
    auto memberships = nlohmann::json::array();
    for (const auto& membership : identity.membershipsOf(user.id)) {
        memberships.push_back({{"org", organizationJson(membership.organization)},
                               {"role", std::string(toString(membership.role))}});
    }
    return Response::json({{"user", userBody}, {"memberships", memberships}});
}

/// What a client shows before anyone signs in: the first account's form on a fresh instance, a
/// registration link when registration is open.
Response instance(IdentityService& identity) {
    auto response = Response::json({{"initialized", identity.hasUsers()},
                                    {"open_registration", identity.settings().openRegistration},
                                    {"version", OCOMMS_VERSION}});
    response.header("Cache-Control", "no-store");
    return response;
}

}  // namespace

void registerAuthRoutes(http::Router& router, IdentityService& identity, LoginRateLimiter& limiter,
                        const IdentityApiOptions& options) {
    router.add(Method::Post, "/api/auth/register", Access::Public, [&identity, options](const Request& request) {
        return signedIn(registerAccount(identity, JsonFields::of(request)), 201, identity, options);
    });
    router.add(Method::Post, "/api/auth/login", Access::Public, [&identity, &limiter, options](const Request& request) {
        return login(identity, limiter, options, request);
    });
    router.add(Method::Post, "/api/auth/logout", Access::SignedIn,
               [&identity, options](const Request& request) { return logout(identity, options, request); });
    router.add(Method::Get, "/api/instance", Access::Public, [&identity](const Request&) { return instance(identity); });
    router.add(Method::Get, "/api/me", Access::SignedIn,
               [&identity](const Request& request) { return me(identity, request); });
}

}  // namespace ocomms::identity::api
