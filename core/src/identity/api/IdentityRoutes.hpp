// The HTTP API of users, sessions, organizations, invites and members (docs/api.md).
#pragma once

#include <ocomms/http.hpp>

#include "identity/IdentityService.hpp"
#include "identity/api/IdentityApiOptions.hpp"
#include "identity/api/LoginRateLimiter.hpp"

namespace ocomms::identity {

/// Adds every identity route. The references must outlive the router's use of the routes.
void registerIdentityRoutes(http::Router& router, IdentityService& identity, LoginRateLimiter& limiter,
                            const IdentityApiOptions& options);

}  // namespace ocomms::identity
