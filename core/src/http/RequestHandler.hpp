// The per-request pipeline behind Poco's HTTPServer, and the factory Poco asks for a handler per request.
#pragma once

#include <memory>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "http/ServerState.hpp"

namespace ocomms::http {

/// Does for one request what HttpServer.hpp promises. Lets no exception out: Poco would only log it,
/// without an answer to the client.
class RequestHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit RequestHandler(std::shared_ptr<ServerState> state) : state_(std::move(state)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::shared_ptr<ServerState> state_;
};

class RequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit RequestHandlerFactory(std::shared_ptr<ServerState> state) : state_(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    std::shared_ptr<ServerState> state_;
};

}  // namespace ocomms::http
