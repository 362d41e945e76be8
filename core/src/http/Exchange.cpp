#include "http/Exchange.hpp"

#include <exception>
#include <optional>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/AccessLog.hpp"
#include "http/RequestId.hpp"

namespace ocomms::http {
namespace {

void logAccess(ServerState& state, const Poco::Net::HTTPServerRequest& request, const Exchange& exchange,
               std::chrono::steady_clock::time_point started) {
    const std::string_view uri = request.getURI();
    const std::string peer = request.clientAddress().toString();
    state.accessLog.info(formatAccessLogLine({.method = request.getMethod(),
                                              .path = uri.substr(0, uri.find('?')),
                                              .status = exchange.status,
                                              .bodyBytes = exchange.bodyBytes,
                                              .elapsed = std::chrono::steady_clock::now() - started,
                                              .requestId = exchange.requestId,
                                              .peer = peer,
                                              .owner = exchange.owner}));
}

}  // namespace

void handleExchange(ServerState& state, Poco::Net::HTTPServerRequest& request,
                    Poco::Net::HTTPServerResponse& response, const std::function<void(Exchange&)>& serve) {
    const auto started = std::chrono::steady_clock::now();
    InFlightRequests::Scope inFlight(state.inFlight);
    Exchange exchange;
    try {
        exchange.requestId = requestIdOf(request);
        response.set("X-Request-Id", exchange.requestId);
        serve(exchange);
    } catch (const std::exception& error) {
        // Only sending fails here (the client went away); there is no one left to answer.
        response.setKeepAlive(false);
        try {
            state.errorLog.debug("sending the response to request " + exchange.requestId + " failed: " + error.what());
        } catch (...) {
        }
    } catch (...) {
        response.setKeepAlive(false);
    }
    try {
        if (state.options.accessLog) logAccess(state, request, exchange, started);
    } catch (...) {
        // A log line is not worth a Poco worker thread.
    }
}

std::string requestIdOf(const Poco::Net::HTTPServerRequest& request) {
    // Not get(name, default): it returns a reference, to the default too.
    if (request.has("X-Request-Id") && isAcceptableRequestId(request.get("X-Request-Id"))) {
        return request.get("X-Request-Id");
    }
    return newRequestId();
}

std::string remoteAddressOf(const ServerState& state, const Poco::Net::HTTPServerRequest& request) {
    if (state.trustedProxies.empty()) return request.clientAddress().toString();
    const std::string peer = request.clientAddress().host().toString();
    const std::optional<std::string> forwarded =
        request.has("X-Forwarded-For") ? std::optional<std::string>(request.get("X-Forwarded-For")) : std::nullopt;
    const std::string client = state.trustedProxies.clientAddress(peer, forwarded);
    return client == peer ? request.clientAddress().toString() : client;
}

Response errorFor(const HttpError& error) { return Response::error(error.status(), error.code(), error.what()); }

Response internalError(const std::string& requestId) {
    return Response::error(500, "internal_error", "internal error (request id " + requestId + ")");
}

void logFailure(ServerState& state, const Poco::Net::HTTPServerRequest& request, const Exchange& exchange,
                std::string_view what) {
    state.errorLog.error(request.getMethod() + " " + request.getURI().substr(0, request.getURI().find('?')) +
                         " (request id " + exchange.requestId + ", plugin " +
                         (exchange.owner.empty() ? "-" : exchange.owner) + "): " + std::string(what));
}

}  // namespace ocomms::http
