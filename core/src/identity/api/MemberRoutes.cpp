#include "identity/api/MemberRoutes.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

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

[[noreturn]] void throwMemberNotFound() {
    throw http::HttpError(404, "member_not_found", "no such member in this organization");
}

/// `{user}` is a user id; anything else names no member.
std::int64_t memberIdOf(const Request& request) {
    const auto& text = request.param("user");
    std::int64_t id = 0;
    const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (!digits) throwMemberNotFound();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id <= 0) throwMemberNotFound();
    return id;
}

Response listMembers(IdentityService& identity, const Request& request) {
    auto members = nlohmann::json::array();
    for (const auto& member : identity.members(organizationOf(request).id)) {
        members.push_back(memberJson(member.user, member.role));
    }
    return Response::json({{"members", members}});
}

Response changeRole(IdentityService& identity, const Request& request) {
    const auto userId = memberIdOf(request);
    const auto fields = JsonFields::of(request);
    const auto role = parseRole(fields.requiredString("role", limits::kRole));
    if (!role) throwInvalidField("role", "must be \"owner\", \"admin\" or \"member\"");
    identity.changeRole(organizationOf(request).id, userId, *role);
    const auto user = identity.user(userId);
    if (!user) throwMemberNotFound();
    return Response::json(memberJson(*user, *role));
}

[[noreturn]] void throwForbidden(const std::string& message) { throw http::HttpError(403, "forbidden", message); }

/// Anyone may leave; admins may remove members and admins; only owners may remove owners.
void checkMayRemove(IdentityService& identity, const Request& request, std::int64_t userId) {
    const auto& caller = callerOf(request);
    if (caller.user.id == userId) return;
    const auto callerRole = roleOf(request);
    if (!grants(callerRole, Role::Admin)) throwForbidden("only admins may remove other members");
    const auto targetRole = identity.roleIn(userId, organizationOf(request).id);
    if (!targetRole) throwMemberNotFound();
    if (!grants(callerRole, *targetRole)) throwForbidden("only owners may remove owners");
}

Response removeMember(IdentityService& identity, const Request& request) {
    const auto userId = memberIdOf(request);
    checkMayRemove(identity, request, userId);
    identity.removeMember(organizationOf(request).id, userId);
    Response response;
    response.status = 204;
    return response;
}

}  // namespace

void registerMemberRoutes(http::Router& router, IdentityService& identity) {
    router.add(Method::Get, "/api/orgs/{org}/members", Access::Member,
               [&identity](const Request& request) { return listMembers(identity, request); });
    router.add(Method::Patch, "/api/orgs/{org}/members/{user}", Access::Owner,
               [&identity](const Request& request) { return changeRole(identity, request); });
    // Member, not Admin: members may remove themselves; the handler checks the rest.
    router.add(Method::Delete, "/api/orgs/{org}/members/{user}", Access::Member,
               [&identity](const Request& request) { return removeMember(identity, request); });
}

}  // namespace ocomms::identity::api
