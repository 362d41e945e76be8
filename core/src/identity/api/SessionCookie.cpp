#include "identity/api/SessionCookie.hpp"

#include "identity/SessionToken.hpp"

namespace ocomms::identity::api {
namespace {

std::string cookie(const std::string& value, long long maxAgeSeconds, bool secure) {
    std::string header = std::string(kSessionCookie) + "=" + value +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAgeSeconds);
    if (secure) header += "; Secure";
    return header;
}

}  // namespace

std::string sessionCookie(const std::string& token, std::chrono::seconds maxAge, bool secure) {
    return cookie(token, static_cast<long long>(maxAge.count()), secure);
}

std::string clearedSessionCookie(bool secure) { return cookie("", 0, secure); }

}  // namespace ocomms::identity::api
