#include "identity/api/IdentityRoutes.hpp"

#include "identity/api/AuthRoutes.hpp"
#include "identity/api/InviteRoutes.hpp"
#include "identity/api/MemberRoutes.hpp"
#include "identity/api/OrganizationRoutes.hpp"

namespace ocomms::identity {

void registerIdentityRoutes(http::Router& router, IdentityService& identity, LoginRateLimiter& limiter,
                            const IdentityApiOptions& options) {
    api::registerAuthRoutes(router, identity, limiter, options);
    api::registerOrganizationRoutes(router, identity);
    api::registerInviteRoutes(router, identity);
    api::registerMemberRoutes(router, identity);
}

}  // namespace ocomms::identity
