// The HTTP transport: Poco's HTTPServer in front of the RouteTable.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <ocomms/logger.hpp>

#include "http/RequestAuthorizer.hpp"
#include "http/RouteTable.hpp"
#include "http/UpgradeEndpoint.hpp"

namespace ocomms::http {

struct HttpServerOptions {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;  ///< 0: any free port (see HttpServer::port())
    int threads = 16;
    std::int64_t maxBodyBytes = 1 << 20;
    std::chrono::milliseconds keepAliveTimeout{15000};
    bool accessLog = true;
    /// Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client: see TrustedProxies.
    std::vector<std::string> trustedProxies;
};

/// For every request: an `X-Request-Id` (the client's when it sent a sane one, else a new random id) on
/// the response; the body read up to maxBodyBytes (413 `body_too_large` beyond, judged on Content-Length
/// before reading when present); routing (404 `not_found`, 405 `method_not_allowed` with `Allow`); the
/// handler called with exceptions caught: HttpError -> its status and code, anything else -> 500
/// `internal_error` with the request id in the message and the exception logged with the route's owner;
/// an access log line per request ("GET /api/health 200 87B 1.3ms rid=... peer=... plugin=health").
/// Errors are always `{"error":{"code":"...","message":"..."}}`.
class HttpServer {
public:
    /// `authorizer` checks the Access of every route that is not public; without one they answer 401.
    HttpServer(HttpServerOptions options, RouteTable& routes, Logger& accessLog, Logger& errorLog,
               RequestAuthorizer* authorizer = nullptr);
    ~HttpServer();

    /// Requests for exactly `path` (any method, any query) go to `endpoint` instead of the route table
    /// (see UpgradeEndpoint.hpp); `owner` names it in the access log. Before start() only; `endpoint` must
    /// outlive the server.
    void addUpgradeEndpoint(const std::string& path, std::string owner, UpgradeEndpoint& endpoint);

    /// Binds and starts accepting. Throws std::runtime_error naming host:port when it cannot bind.
    void start();
    /// Stops accepting; lets requests in flight finish for up to `grace`; then closes what is left.
    void stop(std::chrono::milliseconds grace);
    /// The bound port (useful with port 0).
    std::uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ocomms::http
