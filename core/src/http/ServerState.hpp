// What HttpServer shares with its request handlers. Held by shared_ptr, because a Poco worker thread
// can still be finishing a request when the HttpServer that started it is gone.
#pragma once

#include <atomic>

#include <ocomms/logger.hpp>

#include "http/HttpServer.hpp"
#include "http/InFlightRequests.hpp"
#include "http/RequestAuthorizer.hpp"
#include "http/TrustedProxies.hpp"
#include "http/RouteTable.hpp"

namespace ocomms::http {

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
    InFlightRequests inFlight;
    /// Set before the server waits for requests in flight; a request that starts afterwards gets 503.
    std::atomic<bool> stopping{false};
};

}  // namespace ocomms::http
