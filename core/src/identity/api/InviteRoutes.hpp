// Invites: an admin creates one, a signed-in user accepts one.
#pragma once

#include <ocomms/http.hpp>

#include "identity/IdentityService.hpp"

namespace ocomms::identity::api {

void registerInviteRoutes(http::Router& router, IdentityService& identity);

}  // namespace ocomms::identity::api
