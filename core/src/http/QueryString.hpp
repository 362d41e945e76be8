// The query part of a request target, as name/value pairs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ocomms::http {

/// Parses "a=1&b=x+y&flag&a=2" (without the '?') into decoded pairs, keeping repeated names in order:
/// '+' is a space, "%XY" a byte, a name without '=' has the value "", empty pieces ("a=1&&b") are
/// skipped. Returns nullopt when a %-escape is malformed.
std::optional<std::multimap<std::string, std::string>> parseQueryString(std::string_view query);

}  // namespace ocomms::http
