// Members of an organization: list, change a role, remove.
#pragma once

#include <ocomms/http.hpp>

#include "identity/IdentityService.hpp"

namespace ocomms::identity::api {

void registerMemberRoutes(http::Router& router, IdentityService& identity);

}  // namespace ocomms::identity::api
