#include "identity/api/IdentityJson.hpp"

namespace ocomms::identity::api {

nlohmann::json userJson(const UserInfo& user) {
    return {{"id", user.id}, {"email", user.email}, {"display_name", user.displayName}};
}

nlohmann::json organizationJson(const OrganizationInfo& organization) {
    return {{"id", organization.id}, {"slug", organization.slug}, {"name", organization.name}};
}

nlohmann::json memberJson(const UserInfo& user, Role role) {
    auto json = userJson(user);
    json["role"] = std::string(toString(role));
    return json;
}

nlohmann::json sessionJson(const IssuedSession& session) {
    return {{"token", session.token}, {"user", userJson(session.user)}};
}

}  // namespace ocomms::identity::api
