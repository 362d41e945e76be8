// Route access checked against sessions and memberships: the identity service behind the HTTP pipeline.
#pragma once

#include "http/RequestAuthorizer.hpp"
#include "identity/IdentityService.hpp"

namespace ocomms::identity {

class SessionAuthorizer final : public http::RequestAuthorizer {
public:
    explicit SessionAuthorizer(IdentityService& identity) : identity_(identity) {}
    Caller authorize(http::Access access, const http::Request& request) override;

private:
    IdentityService& identity_;
};

}  // namespace ocomms::identity
