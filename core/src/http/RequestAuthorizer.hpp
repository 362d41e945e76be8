// The host's check of a route's Access, made before its handler runs.
#pragma once

#include <ocomms/http.hpp>
#include <ocomms/identity.hpp>

namespace ocomms::http {

class RequestAuthorizer {
public:
    virtual ~RequestAuthorizer() = default;
    /// Who is calling, when they may reach a route of `access` (never Access::Public); otherwise throws
    /// HttpError 401 `unauthenticated`, 403 `forbidden` or 404 `not_found`, as ocomms/http.hpp documents.
    virtual Caller authorize(Access access, const Request& request) = 0;
};

}  // namespace ocomms::http
