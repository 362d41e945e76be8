// Every route of every plugin, matched by method and path pattern.
#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <ocomms/http.hpp>

#include "http/RouteTrie.hpp"

namespace ocomms::http {

struct RouteMatch {
    enum class Kind { Found, NotFound, MethodNotAllowed };
    Kind kind = Kind::NotFound;
    /// Keeps the owner's shared library loaded while the handler copy lives (a request in flight
    /// while its plugin stops). Declared before `handler` so that it is destroyed after it.
    std::shared_ptr<const void> keepAlive;
    Handler handler;                          ///< when Found
    std::map<std::string, std::string> params;  ///< when Found
    std::vector<Method> allowed;              ///< when MethodNotAllowed (sorted, for the Allow header)
    std::string owner;                        ///< plugin that registered the route, when Found
    Access access = Access::Public;           ///< who may call it, when Found
};

/// Thread-safe: requests match while plugins add or remove routes.
class RouteTable {
public:
    /// Throws std::invalid_argument for a malformed pattern (must start with '/', no empty segments,
    /// `{name}` with name [A-Za-z_][A-Za-z0-9_]*, no duplicate names) or a duplicate (method, pattern)
    /// — duplicates compare patterns with parameter names ignored, naming the owner of the existing one —
    /// or an organization role (Member, Admin, Owner) on a pattern without `{org}`.
    void add(const std::string& owner, std::shared_ptr<const void> keepAlive, Method method,
             const std::string& pattern, Access access, Handler handler);
    /// Removes every route of `owner`.
    void removeOwner(const std::string& owner);
    /// `path` is the raw request path without the query: literal segments match it as sent, parameter
    /// values are percent-decoded. A trailing slash matters ("/a/" is not "/a").
    /// HEAD matches GET routes when no HEAD route exists.
    RouteMatch match(Method method, std::string_view path) const;

private:
    mutable std::shared_mutex mutex_;
    RouteTrie trie_;
};

/// The Router a plugin sees: adds routes under its own name.
class OwnedRouter final : public Router {
public:
    OwnedRouter(RouteTable& table, std::string owner, std::shared_ptr<const void> keepAlive)
        : table_(table), owner_(std::move(owner)), keepAlive_(std::move(keepAlive)) {}
    void add(Method method, const std::string& pattern, Access access, Handler handler) override {
        table_.add(owner_, keepAlive_, method, pattern, access, std::move(handler));
    }

private:
    RouteTable& table_;
    std::string owner_;
    std::shared_ptr<const void> keepAlive_;
};

}  // namespace ocomms::http
