// What the server knows about one request as it goes through, and the steps every request shares whether
// it is routed or upgraded: its id, its client's address, error logging and the access log line.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <ocomms/http.hpp>

#include "http/ServerState.hpp"

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace ocomms::http {

/// What the access log reports about a request, filled in as the request goes through.
struct Exchange {
    std::string requestId;
    std::string owner;
    int status = 0;
    std::uint64_t bodyBytes = 0;
    bool closeConnection = false;
    bool discardBody = false;  ///< a refused body the client may still be sending
};

/// Runs `serve` with what every request gets: it is counted in flight (a stop waits for it), has an id
/// (echoed in X-Request-Id), a failure to send is logged at debug level (the client went away), and an
/// access log line is written. Lets no exception out: Poco would only log it.
void handleExchange(ServerState& state, Poco::Net::HTTPServerRequest& request,
                    Poco::Net::HTTPServerResponse& response, const std::function<void(Exchange&)>& serve);

/// The client's X-Request-Id when it is acceptable, else a new one.
std::string requestIdOf(const Poco::Net::HTTPServerRequest& request);

/// The TCP peer as "ip:port", or behind a trusted proxy the client's IP from X-Forwarded-For.
std::string remoteAddressOf(const ServerState& state, const Poco::Net::HTTPServerRequest& request);

/// The error body of an HttpError.
Response errorFor(const HttpError& error);

/// 500 `internal_error` naming the request id, so that a report can be matched with the log.
Response internalError(const std::string& requestId);

/// An error log line naming the request, its id and the plugin whose code was involved.
void logFailure(ServerState& state, const Poco::Net::HTTPServerRequest& request, const Exchange& exchange,
                std::string_view what);


}  // namespace ocomms::http
