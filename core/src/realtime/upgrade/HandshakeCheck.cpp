#include "realtime/upgrade/HandshakeCheck.hpp"

#include <algorithm>
#include <cctype>

#include "realtime/websocket/Handshake.hpp"
#include "util/Trim.hpp"

namespace ocomms::realtime {
namespace {

constexpr const char* kVersion = "13";

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool listsToken(std::string_view value, std::string_view token) {
    while (true) {
        const auto comma = value.find(',');
        if (equalsIgnoringCase(util::trimBlanks(value.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) return false;
        value.remove_prefix(comma + 1);
    }
}

bool hasBody(const http::Request& request) {
    if (request.header("Transfer-Encoding")) return true;
    const auto length = request.header("Content-Length");
    return length && util::trimBlanks(*length) != "0";
}

}  // namespace

bool headerHasToken(const http::Request& request, std::string_view name, std::string_view token) {
    const auto [first, last] = request.headers.equal_range(std::string(name));
    return std::any_of(first, last, [&](const auto& header) { return listsToken(header.second, token); });
}

std::optional<http::Response> refuseHandshake(const http::Request& request) {
    if (hasBody(request))
        return http::Response::error(400, "invalid_handshake", "a WebSocket handshake has no body");
    if (!headerHasToken(request, "Upgrade", "websocket") || !headerHasToken(request, "Connection", "upgrade"))
        return http::Response::error(400, "invalid_handshake",
                                     "this is a WebSocket endpoint: send Upgrade: websocket and Connection: Upgrade");
    const auto version = request.header("Sec-WebSocket-Version");
    if (!version || util::trimBlanks(*version) != kVersion)
        return http::Response::error(426, "upgrade_required",
                                     "only WebSocket version 13 is supported (got " +
                                         (version ? "'" + *version + "'" : std::string("none")) + ")")
            .header("Upgrade", "websocket")
            .header("Sec-WebSocket-Version", kVersion);
    const auto key = request.header("Sec-WebSocket-Key");
    if (!key || !websocket::isWellFormedClientKey(util::trimBlanks(*key)))
        return http::Response::error(400, "invalid_handshake",
                                     "Sec-WebSocket-Key must be 16 random bytes in base64 (24 characters)");
    return std::nullopt;
}

}  // namespace ocomms::realtime
