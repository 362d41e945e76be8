#include "identity/api/OrganizationRoutes.hpp"

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

Response createOrganization(IdentityService& identity, const Request& request) {
    const auto fields = JsonFields::of(request);
    const NewOrganization organization{fields.requiredString("slug", limits::kSlug),
                                       fields.requiredString("name", limits::kOrganizationName)};
    const auto created = identity.createOrganization(callerOf(request).user.id, organization);
    return Response::json(organizationJson(created), 201);
}

Response showOrganization(const Request& request) {
    auto body = organizationJson(organizationOf(request));
    body["role"] = std::string(toString(roleOf(request)));
    return Response::json(body);
}

}  // namespace

void registerOrganizationRoutes(http::Router& router, IdentityService& identity) {
    router.add(Method::Post, "/api/orgs", Access::SignedIn,
               [&identity](const Request& request) { return createOrganization(identity, request); });
    router.add(Method::Get, "/api/orgs/{org}", Access::Member, [](const Request& request) { return showOrganization(request); });
}

}  // namespace ocomms::identity::api
