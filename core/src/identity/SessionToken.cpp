#include "identity/SessionToken.hpp"

#include "util/Trim.hpp"

#include <string_view>

namespace ocomms::identity {
namespace {

std::optional<std::string> bearerToken(const http::Request& request) {
    const auto header = request.header("Authorization");
    if (!header) return std::nullopt;
    const std::string_view value = util::trimBlanks(*header);
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() <= scheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < scheme.size(); ++i)  // the scheme is case-insensitive (RFC 9110)
        if (std::tolower(static_cast<unsigned char>(value[i])) != std::tolower(static_cast<unsigned char>(scheme[i])))
            return std::nullopt;
    return std::string(util::trimBlanks(value.substr(scheme.size())));
}

std::optional<std::string> cookieToken(const http::Request& request) {
    const auto range = request.headers.equal_range("Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            const std::string_view pair = util::trimBlanks(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
            const auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie)
                return std::string(pair.substr(eq + 1));
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> sessionTokenOf(const http::Request& request) {
    if (auto token = bearerToken(request)) return token;
    return cookieToken(request);
}

}  // namespace ocomms::identity
