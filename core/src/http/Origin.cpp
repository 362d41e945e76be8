#include "http/Origin.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace ocomms::http {
namespace {

bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string lowered(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

bool isScheme(std::string_view scheme) {
    return !scheme.empty() && isAlpha(scheme.front()) &&
           std::all_of(scheme.begin(), scheme.end(),
                       [](char c) { return isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.'; });
}

bool isHostName(std::string_view host) {
    return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_';
    });
}

bool isIpv6Literal(std::string_view host) {
    return host.size() > 2 && host.front() == '[' && host.back() == ']' &&
           std::all_of(host.begin() + 1, host.end() - 1,
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.'; });
}

std::uint16_t defaultPort(std::string_view scheme) {
    if (scheme == "http" || scheme == "ws") return 80;
    if (scheme == "https" || scheme == "wss") return 443;
    return 0;
}

/// `authority` is host[:port] (a user part is refused: browsers never send one in an origin).
Origin fromParts(std::string_view scheme, std::string_view authority) {
    if (!isScheme(scheme)) throw std::invalid_argument("the scheme is missing or malformed");
    if (authority.find('@') != std::string_view::npos) throw std::invalid_argument("an origin has no user part");

    std::string_view host = authority;
    std::string_view port;
    bool hasPort = false;
    const auto close = authority.rfind(']');
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        hasPort = true;
    }
    if (!isHostName(host) && !isIpv6Literal(host)) throw std::invalid_argument("the host is missing or malformed");

    Origin origin{lowered(scheme), lowered(host), defaultPort(lowered(scheme))};
    if (hasPort) {
        unsigned value = 0;
        const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || error != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535)
            throw std::invalid_argument("the port must be a number from 1 to 65535");
        origin.port = static_cast<std::uint16_t>(value);
    }
    return origin;
}

}  // namespace

Origin Origin::parse(std::string_view text) {
    const auto separator = text.find("://");
    if (separator == std::string_view::npos) throw std::invalid_argument("expected scheme://host[:port]");
    const std::string_view authority = text.substr(separator + 3);
    if (authority.find_first_of("/?#") != std::string_view::npos)
        throw std::invalid_argument("an origin has no path, query or trailing slash");
    return fromParts(text.substr(0, separator), authority);
}

Origin Origin::ofUrl(std::string_view url) {
    const auto separator = url.find("://");
    if (separator == std::string_view::npos) throw std::invalid_argument("expected scheme://host[:port][/path]");
    std::string_view authority = url.substr(separator + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    return fromParts(url.substr(0, separator), authority);
}

std::string Origin::toString() const {
    std::string text = scheme + "://" + host;
    if (port != defaultPort(scheme)) text += ":" + std::to_string(port);
    return text;
}

}  // namespace ocomms::http
