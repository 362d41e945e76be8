// The caller the host attached to a request of a non-public route.
#pragma once

#include <stdexcept>

#include <ocomms/http.hpp>
#include <ocomms/identity.hpp>

namespace ocomms::identity::api {

inline const Caller& callerOf(const http::Request& request) {
    // Missing only if a route was registered as Public by mistake: a bug, answered 500.
    if (!request.caller) throw std::logic_error("route needs a caller but the request has none");
    return *request.caller;
}

/// The organization named by `{org}`, for routes declared with an organization role.
inline const OrganizationInfo& organizationOf(const http::Request& request) {
    const auto& caller = callerOf(request);
    if (!caller.organization || !caller.role) throw std::logic_error("route needs an organization but has none");
    return *caller.organization;
}

inline Role roleOf(const http::Request& request) {
    organizationOf(request);
    return *callerOf(request).role;
}

}  // namespace ocomms::identity::api
