#include "http/UpgradeRequestHandler.hpp"

#include <exception>
#include <optional>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/Exchange.hpp"
#include "http/PocoConnectionTakeover.hpp"
#include "http/QueryString.hpp"
#include "http/RequestTarget.hpp"
#include "http/ResponseSender.hpp"
#include "util/PercentEncoding.hpp"

namespace ocomms::http {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

Request sdkRequestOf(ServerState& state, const HTTPServerRequest& request, const Exchange& exchange) {
    const auto target = splitRequestTarget(request.getURI());  // the factory matched its path
    auto path = util::percentDecode(target->path);
    auto query = parseQueryString(target->query);
    if (!path || !query) throw HttpError(400, "bad_request", "the request target has a malformed %-escape");

    Request sdkRequest;
    sdkRequest.method = Method::Get;
    sdkRequest.path = std::move(*path);
    sdkRequest.query = std::move(*query);
    for (const auto& [name, value] : request) sdkRequest.headers.emplace(name, value);
    sdkRequest.requestId = exchange.requestId;
    sdkRequest.remoteAddress = remoteAddressOf(state, request);
    return sdkRequest;
}

/// The answer to send, or nullopt when the endpoint took the connection.
std::optional<Response> respond(ServerState& state, UpgradeEndpoint& endpoint, HTTPServerRequest& request,
                                HTTPServerResponse& response, const Exchange& exchange) {
    if (state.stopping) return Response::error(503, "shutting_down", "the server is shutting down");
    if (request.getMethod() != "GET")
        return Response::error(405, "method_not_allowed", request.getMethod() + " is not allowed here: upgrade with GET")
            .header("Allow", "GET");

    PocoConnectionTakeover takeover(request, response);
    try {
        auto answer = endpoint.upgrade(sdkRequestOf(state, request, exchange), takeover);
        if (answer || takeover.switched()) return answer;
        logFailure(state, request, exchange, "the upgrade endpoint neither answered nor took the connection");
    } catch (const HttpError& error) {
        if (!takeover.switched()) return errorFor(error);
        logFailure(state, request, exchange, std::string("failed after switching protocols: ") + error.what());
    } catch (const std::exception& error) {
        logFailure(state, request, exchange, std::string("upgrade failed: ") + error.what());
    }
    // After the 101 there is no HTTP left to answer in.
    if (takeover.switched()) return std::nullopt;
    return internalError(exchange.requestId);
}

}  // namespace

void UpgradeRequestHandler::handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) {
    handleExchange(*state_, request, response, [&](Exchange& exchange) {
        exchange.owner = route_.owner;
        const auto answer = respond(*state_, *route_.endpoint, request, response, exchange);
        if (!answer) {
            exchange.status = 101;
            return;
        }
        // What the client sent after a refused handshake is not an HTTP request to read next.
        response.setKeepAlive(false);
        exchange.status = answer->status;
        exchange.bodyBytes = sendResponse(*answer, request, response).bodyBytes;
    });
}

}  // namespace ocomms::http
