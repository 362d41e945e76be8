// The routes of a RouteTable arranged by path shape, one tree level per path segment.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <ocomms/http.hpp>

#include "http/RoutePattern.hpp"

namespace ocomms::http {

struct RouteEntry {
    std::string owner;
    std::shared_ptr<const void> keepAlive;  ///< declared before `handler`, so destroyed after it
    Handler handler;
    Access access = Access::Public;
    std::string pattern;                      ///< as registered, for messages
    std::vector<std::string> parameterNames;  ///< in path order
};

/// Not thread-safe: RouteTable locks around it. Two patterns that differ only in parameter names have
/// the same shape and share a node; each route keeps its own names.
class RouteTrie {
public:
    struct Match {
        const RouteEntry* entry = nullptr;              ///< the route chosen for the method, if any
        std::vector<std::string_view> parameterValues;  ///< raw, in path order, when `entry`
        std::set<Method> allowed;                       ///< methods of every shape matching the path, when not
    };

    /// The route already registered for this shape and method, if any.
    const RouteEntry* find(const std::vector<PatternSegment>& shape, Method method) const;
    /// Replaces any route of the same shape and method: callers check find() first.
    void insert(const std::vector<PatternSegment>& shape, Method method, RouteEntry entry);
    void removeOwner(std::string_view owner);

    /// Depth first, literal child before the parameter child, so a literal segment wins over a parameter
    /// at the same position yet a parameter still matches where the literal branch leads nowhere. The
    /// first node matching the whole path with a route for `method` wins; HEAD takes a node's GET route
    /// when the node has no HEAD route.
    Match match(std::span<const std::string_view> segments, Method method) const;

private:
    struct Node {
        std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
        std::unique_ptr<Node> parameter;
        std::map<Method, RouteEntry> routes;

        bool empty() const { return literals.empty() && !parameter && routes.empty(); }
        const RouteEntry* routeFor(Method method) const;
    };

    static bool search(const Node& node, std::span<const std::string_view> rest, Method method, Match& result);
    static void prune(Node& node, std::string_view owner);

    Node root_;
};

}  // namespace ocomms::http
