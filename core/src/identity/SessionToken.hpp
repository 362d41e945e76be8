// Where a request carries its session token.
#pragma once

#include <optional>
#include <string>

#include <ocomms/http.hpp>

namespace ocomms::identity {

/// The name of the browser session cookie (HttpOnly, SameSite=Strict).
inline constexpr const char* kSessionCookie = "ocomms_session";

/// `Authorization: Bearer <token>`, else the `ocomms_session` cookie; nullopt when neither is present.
std::optional<std::string> sessionTokenOf(const http::Request& request);

}  // namespace ocomms::identity
