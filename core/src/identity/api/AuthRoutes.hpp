// Accounts and sessions: register, login, logout, and who am I.
#pragma once

#include <ocomms/http.hpp>

#include "identity/IdentityService.hpp"
#include "identity/api/IdentityApiOptions.hpp"
#include "identity/api/LoginRateLimiter.hpp"

namespace ocomms::identity::api {

void registerAuthRoutes(http::Router& router, IdentityService& identity, LoginRateLimiter& limiter,
                        const IdentityApiOptions& options);

}  // namespace ocomms::identity::api
