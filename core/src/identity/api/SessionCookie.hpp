// The browser's copy of a session token: a cookie that scripts cannot read (HttpOnly), that other sites
// cannot make the browser send (SameSite=Strict), and that travels only over HTTPS when the instance is
// served over HTTPS (Secure).
#pragma once

#include <chrono>
#include <string>

namespace ocomms::identity::api {

/// The value of a Set-Cookie header that stores `token` for `maxAge`.
std::string sessionCookie(const std::string& token, std::chrono::seconds maxAge, bool secure);
/// The value of a Set-Cookie header that makes the browser drop the session cookie.
std::string clearedSessionCookie(bool secure);

}  // namespace ocomms::identity::api
