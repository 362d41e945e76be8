// What HttpServer shares with its request handlers. Held by shared_ptr, because a Poco worker thread
// can still be finishing a request when the HttpServer that started it is gone.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>

#include <ocomms/logger.hpp>

#include "http/HttpServer.hpp"
#include "http/InFlightRequests.hpp"
#include "http/RequestAuthorizer.hpp"
#include "http/TrustedProxies.hpp"
#include "http/RouteTable.hpp"
#include "http/UpgradeEndpoint.hpp"

namespace ocomms::http {

struct UpgradeRoute {
    std::string owner;  ///< for the access log, like a route's plugin
    UpgradeEndpoint* endpoint = nullptr;
};

struct ServerState {
    ServerState(HttpServerOptions serverOptions, RouteTable& routeTable, Logger& access, Logger& errors,
                RequestAuthorizer* requestAuthorizer)
        : options(std::move(serverOptions)), routes(routeTable), accessLog(access), errorLog(errors),
          authorizer(requestAuthorizer), trustedProxies(options.trustedProxies) {}

    const HttpServerOptions options;
    RouteTable& routes;
    Logger& accessLog;
    Logger& errorLog;
    RequestAuthorizer* authorizer;  ///< null: every route that is not public answers 401
    const TrustedProxies trustedProxies;
    /// By raw path; filled before the server starts, only read while it runs.
    std::map<std::string, UpgradeRoute, std::less<>> upgrades;
    InFlightRequests inFlight;
    /// Set before the server waits for requests in flight; a request that starts afterwards gets 503.
    std::atomic<bool> stopping{false};
};

}  // namespace ocomms::http
