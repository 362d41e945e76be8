#include "identity/api/InviteRoutes.hpp"

#include "identity/Timestamps.hpp"
#include "identity/api/FieldLimits.hpp"
#include "identity/api/IdentityJson.hpp"
#include "identity/api/JsonFields.hpp"
#include "identity/api/RequestCaller.hpp"

namespace ocomms::identity::api {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

/// Owners are made by changing a member's role, never by an invite.
Role invitedRole(const JsonFields& fields) {
    const auto name = fields.optionalString("role", limits::kRole);
    if (!name) return Role::Member;
    const auto role = parseRole(*name);
    if (!role || *role == Role::Owner) throwInvalidField("role", "must be \"member\" or \"admin\"");
    return *role;
}

Response createInvite(IdentityService& identity, const Request& request) {
    const auto role = invitedRole(JsonFields::ofOptionalBody(request));
    const auto invite = identity.createInvite(organizationOf(request).id, callerOf(request).user.id, role);
    return Response::json({{"token", invite.token}, {"expires_at", isoUtc(invite.expiresAt)}}, 201);
}

Response acceptInvite(IdentityService& identity, const Request& request) {
    const auto userId = callerOf(request).user.id;
    const auto organization = identity.acceptInvite(request.param("token"), userId);
    const auto role = identity.roleIn(userId, organization.id);
    if (!role) throw http::HttpError(404, "invite_not_found", "the invite is unknown or already used");
    return Response::json({{"org", organizationJson(organization)}, {"role", std::string(toString(*role))}});
}

}  // namespace

void registerInviteRoutes(http::Router& router, IdentityService& identity) {
    router.add(Method::Post, "/api/orgs/{org}/invites", Access::Admin,
               [&identity](const Request& request) { return createInvite(identity, request); });
    router.add(Method::Post, "/api/invites/{token}/accept", Access::SignedIn,
               [&identity](const Request& request) { return acceptInvite(identity, request); });
}

}  // namespace ocomms::identity::api
