// The JSON shapes of the identity API, in one place so that every route answers the same shape for the
// same thing (docs/api.md describes them).
#pragma once

#include <nlohmann/json.hpp>

#include <ocomms/identity.hpp>

#include "identity/IdentityService.hpp"

namespace ocomms::identity::api {

/// {"id", "email", "display_name"}
nlohmann::json userJson(const UserInfo& user);
/// {"id", "slug", "name"}
nlohmann::json organizationJson(const OrganizationInfo& organization);
/// {"id", "email", "display_name", "role"}
nlohmann::json memberJson(const UserInfo& user, Role role);
/// {"token", "user": userJson}
nlohmann::json sessionJson(const IssuedSession& session);

}  // namespace ocomms::identity::api
