// Organizations: create one, read one.
#pragma once

#include <ocomms/http.hpp>

#include "identity/IdentityService.hpp"

namespace ocomms::identity::api {

void registerOrganizationRoutes(http::Router& router, IdentityService& identity);

}  // namespace ocomms::identity::api
