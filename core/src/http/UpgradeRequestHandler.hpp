// The pipeline of a request to an upgrade endpoint (see UpgradeEndpoint.hpp), behind Poco's HTTPServer.
#pragma once

#include <memory>

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/ServerState.hpp"

namespace ocomms::http {

/// Answers 503 while the server stops and 405 to anything but GET (an upgrade is a GET); otherwise the
/// endpoint answers or takes the connection over. An answer always closes the connection afterwards.
class UpgradeRequestHandler final : public Poco::Net::HTTPRequestHandler {
public:
    UpgradeRequestHandler(std::shared_ptr<ServerState> state, UpgradeRoute route)
        : state_(std::move(state)), route_(std::move(route)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::shared_ptr<ServerState> state_;
    UpgradeRoute route_;
};

}  // namespace ocomms::http
