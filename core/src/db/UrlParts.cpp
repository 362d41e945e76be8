#include "db/UrlParts.hpp"

#include "util/PercentEncoding.hpp"

#include <algorithm>
#include <cctype>

namespace ocomms::db {
namespace {

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool isSchemeText(std::string_view scheme) {
    return !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme.front())) &&
           std::all_of(scheme.begin(), scheme.end(), [](unsigned char c) {
               return std::isalnum(c) || c == '+' || c == '-' || c == '.';
           });
}

std::string decoded(std::string_view text, const char* what) {
    auto result = decodeUrlComponent(text);
    if (!result) throw UrlSyntaxError(std::string("malformed %-escape in the ") + what);
    return *result;
}

int parsePort(std::string_view text) {
    const bool digits = !text.empty() && text.size() <= 5 &&
                        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
    const int port = digits ? std::stoi(std::string(text)) : 0;
    if (port < 1 || port > 65535) throw UrlSyntaxError("the port must be a number from 1 to 65535");
    return port;
}


}  // namespace

UrlParts splitUrl(std::string_view url) {
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos || !isSchemeText(url.substr(0, schemeEnd))) {
        throw UrlSyntaxError("expected scheme://host");
    }
    UrlParts parts;
    parts.scheme = lowerCase(url.substr(0, schemeEnd));

    std::string_view rest = url.substr(schemeEnd + 3);
    const auto authorityEnd = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authorityEnd);
    const std::string_view tail = authorityEnd == std::string_view::npos ? "" : rest.substr(authorityEnd);
    // An unescaped '/' or '?' in a password ends the host early and leaves its '@' behind.
    if (tail.find('@') != std::string_view::npos) {
        throw UrlSyntaxError("'@' after the host: percent-encode '/', '?' and '@' in the user name and "
                             "password (%2F, %3F, %40)");
    }

    // The last '@' ends the user info, so an unescaped '@' in a password still parses.
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view userInfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        const auto colon = userInfo.find(':');
        parts.user = decoded(userInfo.substr(0, colon), "user name");
        if (colon != std::string_view::npos) parts.password = decoded(userInfo.substr(colon + 1), "password");
    }

    std::string_view host = authority;
    std::optional<std::string_view> port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) throw UrlSyntaxError("an IPv6 host needs a closing ']'");
        host = authority.substr(1, close - 1);
        const std::string_view afterHost = authority.substr(close + 1);
        if (!afterHost.empty()) {
            if (afterHost.front() != ':') throw UrlSyntaxError("expected ':' and a port after the IPv6 host");
            port = afterHost.substr(1);
        }
    } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    parts.host = decoded(host, "host");
    if (port) parts.port = parsePort(*port);

    const auto queryStart = tail.find('?');
    parts.path = std::string(tail.substr(0, queryStart));
    if (queryStart != std::string_view::npos) parts.query = std::string(tail.substr(queryStart + 1));
    return parts;
}



std::optional<std::string> decodeUrlComponent(std::string_view text) {
    auto decoded = util::percentDecode(text);
    if (!decoded || decoded->find('\0') != std::string::npos) return std::nullopt;
    return decoded;
}

}  // namespace ocomms::db
