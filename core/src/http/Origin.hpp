// Web origins (RFC 6454): the scheme, host and port a browser names in the Origin header of a request
// made by a page, so that a server can tell which site's page is asking.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ocomms::http {

struct Origin {
    std::string scheme;  ///< lower case
    std::string host;    ///< lower case; an IPv6 address keeps its brackets
    std::uint16_t port = 0;  ///< as written, else the scheme's default (80 for http, 443 for https; 0 when none)

    /// "scheme://host[:port]" exactly, as browsers send it (no path, no user, no trailing slash); scheme
    /// and host compare case-insensitively and a default port equals its absence. Throws
    /// std::invalid_argument saying what is wrong.
    static Origin parse(std::string_view text);
    /// The origin of an absolute URL such as server.public_url: its path, query and fragment are
    /// ignored. Throws std::invalid_argument.
    static Origin ofUrl(std::string_view url);

    /// "https://chat.example.com", with the port only when it is not the scheme's default.
    std::string toString() const;

    bool operator==(const Origin&) const = default;
};

}  // namespace ocomms::http
