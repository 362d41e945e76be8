#include "http/RoutePattern.hpp"

#include <algorithm>
#include <stdexcept>

namespace ocomms::http {
namespace {

bool isAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// RFC 3986 pchar, less pct-encoded.
bool isLiteralCharacter(char c) {
    static constexpr std::string_view kOthers = "-._~!$&'()*+,;=:@";
    return isAlpha(c) || isDigit(c) || kOthers.find(c) != std::string_view::npos;
}

bool isParameterName(std::string_view name) {
    if (name.empty() || !(isAlpha(name.front()) || name.front() == '_')) return false;
    return std::all_of(name.begin() + 1, name.end(), [](char c) { return isAlpha(c) || isDigit(c) || c == '_'; });
}

[[noreturn]] void reject(std::string_view pattern, const std::string& fault) {
    throw std::invalid_argument("invalid route pattern '" + std::string(pattern) + "': " + fault);
}

}  // namespace

std::vector<PatternSegment> parseRoutePattern(std::string_view pattern) {
    if (pattern.empty() || pattern.front() != '/') reject(pattern, "it must start with '/'");
    std::vector<PatternSegment> segments;
    if (pattern == "/") return segments;

    std::string_view rest = pattern.substr(1);
    while (true) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        if (segment.empty()) reject(pattern, "empty segment (a doubled or trailing '/')");

        if (segment.front() == '{' && segment.back() == '}' && segment.size() >= 2) {
            const std::string_view name = segment.substr(1, segment.size() - 2);
            if (!isParameterName(name)) reject(pattern, "bad parameter name '" + std::string(name) + "'");
            const bool repeated = std::any_of(segments.begin(), segments.end(), [&](const PatternSegment& s) {
                return s.isParameter && s.text == name;
            });
            if (repeated) reject(pattern, "parameter '" + std::string(name) + "' appears twice");
            segments.push_back({true, std::string(name)});
        } else {
            if (!std::all_of(segment.begin(), segment.end(), isLiteralCharacter)) {
                reject(pattern, "segment '" + std::string(segment) +
                                    "' must be a whole {parameter} or plain characters, unencoded");
            }
            segments.push_back({false, std::string(segment)});
        }

        if (slash == std::string_view::npos) break;
        rest = rest.substr(slash + 1);
    }
    return segments;
}

}  // namespace ocomms::http
