#include "identity/SessionAuthorizer.hpp"

#include "identity/SessionToken.hpp"

namespace ocomms::identity {
namespace {

std::optional<Role> organizationRole(http::Access access) {
    switch (access) {
        case http::Access::Member: return Role::Member;
        case http::Access::Admin: return Role::Admin;
        case http::Access::Owner: return Role::Owner;
        default: return std::nullopt;
    }
}

}  // namespace

Caller SessionAuthorizer::authorize(http::Access access, const http::Request& request) {
    const auto token = sessionTokenOf(request);
    std::optional<UserInfo> user = token ? identity_.authenticate(*token) : std::nullopt;
    if (!user) throw http::HttpError(401, "unauthenticated", "sign in first: no valid session token");

    Caller caller{*user, std::nullopt, std::nullopt};
    if (access == http::Access::InstanceAdmin && !user->instanceAdmin)
        throw http::HttpError(403, "forbidden", "only instance administrators may do this");

    if (const auto needed = organizationRole(access)) {
        // Not a member and no such organization look the same, so that slugs do not leak.
        const auto notFound = [] { return http::HttpError(404, "not_found", "organization not found"); };
        auto organization = identity_.organization(request.param("org"));
        if (!organization) throw notFound();
        const auto role = identity_.roleIn(user->id, organization->id);
        if (!role) throw notFound();
        if (!grants(*role, *needed))
            throw http::HttpError(403, "forbidden", "this needs the " + std::string(toString(*needed)) + " role");
        caller.organization = std::move(organization);
        caller.role = role;
    }
    return caller;
}

}  // namespace ocomms::identity
