// Splits `scheme://[user[:password]@]host[:port][/path][?query]`, the shape shared by database and Redis URLs.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ocomms::db {

/// Its message names the part that is wrong but never quotes the URL: a misplaced password could be anywhere.
class UrlSyntaxError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct UrlParts {
    std::string scheme;    ///< lower-case, without "://"
    std::string user;      ///< percent-decoded
    std::string password;  ///< percent-decoded
    std::string host;      ///< percent-decoded, without the brackets of an IPv6 address
    std::optional<int> port;
    std::string path;   ///< as written, from the '/' after the host up to '?'; may be empty
    std::string query;  ///< as written, after '?'
};

/// Throws UrlSyntaxError.
UrlParts splitUrl(std::string_view url);

/// Decodes %XX escapes; nullopt when an escape is malformed or decodes to NUL (which would cut a C string).
std::optional<std::string> decodeUrlComponent(std::string_view text);

}  // namespace ocomms::db
