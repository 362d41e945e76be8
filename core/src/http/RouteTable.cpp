#include "http/RouteTable.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "util/PercentEncoding.hpp"
#include "http/RoutePattern.hpp"

namespace ocomms::http {
namespace {

/// "/" -> {}; "/a/b/" -> {"a", "b", ""} (an empty segment matches nothing); nullopt without a leading '/'.
std::optional<std::vector<std::string_view>> splitPath(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string_view> segments;
    if (path == "/") return segments;
    std::string_view rest = path.substr(1);
    while (true) {
        const auto slash = rest.find('/');
        segments.push_back(rest.substr(0, slash));
        if (slash == std::string_view::npos) return segments;
        rest = rest.substr(slash + 1);
    }
}

std::vector<std::string> parameterNames(const std::vector<PatternSegment>& shape) {
    std::vector<std::string> names;
    for (const PatternSegment& segment : shape) {
        if (segment.isParameter) names.push_back(segment.text);
    }
    return names;
}

}  // namespace

void RouteTable::add(const std::string& owner, std::shared_ptr<const void> keepAlive, Method method,
                     const std::string& pattern, Access access, Handler handler) {
    const std::vector<PatternSegment> shape = parseRoutePattern(pattern);
    const std::string route = std::string(toString(method)) + " " + pattern;
    if (!handler) throw std::invalid_argument("route " + route + " has no handler");
    auto names = parameterNames(shape);
    const bool organizationRole = access == Access::Member || access == Access::Admin || access == Access::Owner;
    if (organizationRole && std::find(names.begin(), names.end(), "org") == names.end())
        throw std::invalid_argument("route " + route + " asks for an organization role but has no {org} segment");

    RouteEntry entry{owner, std::move(keepAlive), std::move(handler), access, pattern, std::move(names)};
    std::unique_lock lock(mutex_);
    if (const RouteEntry* existing = trie_.find(shape, method)) {
        throw std::invalid_argument("route " + std::string(toString(method)) + " " + pattern +
                                    " is already registered by '" + existing->owner + "' as " + existing->pattern);
    }
    trie_.insert(shape, method, std::move(entry));
}

void RouteTable::removeOwner(const std::string& owner) {
    std::unique_lock lock(mutex_);
    trie_.removeOwner(owner);
}

RouteMatch RouteTable::match(Method method, std::string_view path) const {
    RouteMatch result;
    // No literal contains '%' and no parameter value can be decoded from a malformed escape, so such a
    // path matches nothing. (HttpServer answers it 400 before it gets here.)
    if (!util::isWellFormedPercentEncoding(path)) return result;
    const auto segments = splitPath(path);
    if (!segments) return result;

    std::shared_lock lock(mutex_);
    const RouteTrie::Match found = trie_.match(*segments, method);
    if (found.entry == nullptr) {
        if (!found.allowed.empty()) {
            result.kind = RouteMatch::Kind::MethodNotAllowed;
            result.allowed.assign(found.allowed.begin(), found.allowed.end());
        }
        return result;
    }

    const RouteEntry& route = *found.entry;
    result.kind = RouteMatch::Kind::Found;
    result.keepAlive = route.keepAlive;
    result.handler = route.handler;
    result.owner = route.owner;
    result.access = route.access;
    for (std::size_t i = 0; i < route.parameterNames.size(); ++i) {
        result.params.emplace(route.parameterNames[i], *util::percentDecode(found.parameterValues[i]));
    }
    return result;
}

}  // namespace ocomms::http
