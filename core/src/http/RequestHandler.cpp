#include "http/RequestHandler.hpp"

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/Exchange.hpp"
#include "util/PercentEncoding.hpp"
#include "http/QueryString.hpp"
#include "http/RequestBody.hpp"
#include "http/RequestTarget.hpp"
#include "http/ResponseSender.hpp"
#include "http/UpgradeRequestHandler.hpp"

namespace ocomms::http {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// Bounds of the lingering read after a 413: enough for a client that writes a few MiB before it reads.
constexpr std::int64_t kMaxDiscardedBodyBytes = 64 << 20;
constexpr std::chrono::milliseconds kMaxDiscardTime{3000};

std::optional<Method> parseMethod(std::string_view name) {
    for (const Method method : {Method::Get, Method::Head, Method::Post, Method::Put, Method::Patch,
                                Method::Delete, Method::Options}) {
        if (toString(method) == name) return method;
    }
    return std::nullopt;
}

std::string allowHeader(const std::vector<Method>& methods) {
    std::string allow;
    for (const Method method : methods) {
        if (!allow.empty()) allow += ", ";
        allow += toString(method);
    }
    return allow;
}

Response callHandler(ServerState& state, const RouteMatch& match, const Request& sdkRequest,
                     const HTTPServerRequest& request, const Exchange& exchange) {
    try {
        return match.handler(sdkRequest);
    } catch (const HttpError& error) {
        return errorFor(error);
    } catch (const std::exception& error) {
        logFailure(state, request, exchange, std::string("handler threw: ") + error.what());
    } catch (...) {
        logFailure(state, request, exchange, "handler threw an exception that is not a std::exception");
    }
    return internalError(exchange.requestId);
}

/// Reads, parses and routes the request, then calls its handler. Throws HttpError for a request that
/// never reaches a handler.
Response route(ServerState& state, HTTPServerRequest& request, RouteMatch& match, Exchange& exchange) {
    std::string body;
    try {
        body = readRequestBody(request, state.options.maxBodyBytes);
    } catch (const HttpError& error) {
        exchange.closeConnection = true;  // what is left of the body would be read as the next request
        exchange.discardBody = error.status() == 413;
        throw;
    }

    const auto method = parseMethod(request.getMethod());
    if (!method) throw HttpError(501, "method_not_implemented", "method " + request.getMethod() + " is not supported");
    const auto target = splitRequestTarget(request.getURI());
    if (!target) throw HttpError(400, "bad_request", "the request target is not a path");
    auto path = util::percentDecode(target->path);
    if (!path) throw HttpError(400, "bad_request", "the path has a malformed %-escape");
    auto query = parseQueryString(target->query);
    if (!query) throw HttpError(400, "bad_request", "the query has a malformed %-escape");

    match = state.routes.match(*method, target->path);
    if (match.kind == RouteMatch::Kind::NotFound) {
        throw HttpError(404, "not_found", "no route for " + request.getMethod() + " " + *path);
    }
    if (match.kind == RouteMatch::Kind::MethodNotAllowed) {
        return Response::error(405, "method_not_allowed", request.getMethod() + " is not allowed on " + *path)
            .header("Allow", allowHeader(match.allowed));
    }

    exchange.owner = match.owner;
    Request sdkRequest;
    sdkRequest.method = *method;
    sdkRequest.path = std::move(*path);
    sdkRequest.params = std::move(match.params);
    sdkRequest.query = std::move(*query);
    for (const auto& [name, value] : request) sdkRequest.headers.emplace(name, value);
    sdkRequest.body = std::move(body);
    sdkRequest.requestId = exchange.requestId;
    sdkRequest.remoteAddress = remoteAddressOf(state, request);
    if (match.access != Access::Public) {
        if (state.authorizer == nullptr) throw HttpError(401, "unauthenticated", "sign in first");
        sdkRequest.caller = state.authorizer->authorize(match.access, sdkRequest);
    }
    return callHandler(state, match, sdkRequest, request, exchange);
}

Response respond(ServerState& state, HTTPServerRequest& request, RouteMatch& match, Exchange& exchange) {
    if (state.stopping) {
        exchange.closeConnection = true;
        return Response::error(503, "shutting_down", "the server is shutting down");
    }
    try {
        return route(state, request, match, exchange);
    } catch (const HttpError& error) {
        return errorFor(error);
    } catch (const std::exception& error) {
        logFailure(state, request, exchange, std::string("failed before its handler: ") + error.what());
        return internalError(exchange.requestId);
    }
}

void serve(ServerState& state, HTTPServerRequest& request, HTTPServerResponse& response, Exchange& exchange) {
    RouteMatch match;  // declared before `answer` to outlive it: a plugin's writer is code in the plugin
    Response answer = respond(state, request, match, exchange);
    if (answer.status < 200 || answer.status > 599) {
        logFailure(state, request, exchange, "handler answered with status " + std::to_string(answer.status));
        answer = internalError(exchange.requestId);
    }
    if (exchange.closeConnection || state.stopping) response.setKeepAlive(false);
    exchange.status = answer.status;

    const SentResponse sent = sendResponse(answer, request, response);
    exchange.bodyBytes = sent.bodyBytes;
    if (sent.writerFailure) logFailure(state, request, exchange, "response writer threw: " + *sent.writerFailure);
    if (exchange.discardBody) discardRequestBody(request, kMaxDiscardedBodyBytes, kMaxDiscardTime);
}

}  // namespace

void RequestHandler::handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) {
    handleExchange(*state_, request, response, [&](Exchange& exchange) { serve(*state_, request, response, exchange); });
}

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(const HTTPServerRequest& request) {
    // Poco answers "Expect: 100-continue" before the handler runs unless the response status is already
    // other than 200: a body that is going to be refused should not be invited.
    try {
        const bool refused = state_->stopping || (!request.getChunkedTransferEncoding() && request.hasContentLength() &&
                                                  request.getContentLength64() > state_->options.maxBodyBytes);
        if (refused) request.response().setStatus(Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE);
    } catch (const Poco::Exception&) {
        // A Content-Length that is not a number: the handler answers it.
    }
    if (!state_->upgrades.empty()) {
        if (const auto target = splitRequestTarget(request.getURI())) {
            if (const auto upgrade = state_->upgrades.find(target->path); upgrade != state_->upgrades.end())
                return new UpgradeRequestHandler(state_, upgrade->second);
        }
    }
    return new RequestHandler(state_);
}

}  // namespace ocomms::http
