// Percent-encoding of URL parts (RFC 3986 section 2.1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ocomms::util {

/// Decodes every "%XY" (hex digits in either case); with `plusIsSpace`, '+' becomes ' ' as in a query.
/// Returns nullopt when a '%' is not followed by two hex digits. Decoded bytes are not checked for
/// UTF-8 or NUL: they are data, for the handler to judge.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace = false);

/// Whether percentDecode would succeed, without building the result.
bool isWellFormedPercentEncoding(std::string_view text);

/// Escapes everything but unreserved characters (letters, digits, '-', '.', '_', '~').
std::string percentEncode(std::string_view text);

}  // namespace ocomms::util
