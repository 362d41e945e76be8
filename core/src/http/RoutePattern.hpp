// A route pattern such as "/api/orgs/{org}/members", parsed into its segments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ocomms::http {

struct PatternSegment {
    bool isParameter = false;
    std::string text;  ///< the literal, or the parameter's name without braces
};

/// "/" is the root (no segments). Otherwise every '/'-separated segment is non-empty and is either
/// `{name}` with name [A-Za-z_][A-Za-z0-9_]*, unique within the pattern, or a literal written as it
/// appears on the wire: unreserved characters, sub-delims, ':' and '@' (no '%', so that a literal
/// never needs decoding). Throws std::invalid_argument naming the pattern and the fault.
std::vector<PatternSegment> parseRoutePattern(std::string_view pattern);

}  // namespace ocomms::http
