// ConnectionTakeover for a connection of Poco's HTTPServer.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/UpgradeEndpoint.hpp"

namespace ocomms::http {

class PocoConnectionTakeover final : public ConnectionTakeover {
public:
    PocoConnectionTakeover(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
        : request_(request), response_(response) {}

    std::optional<int> switchProtocols(const Headers& headers) override;
    bool switched() const { return switched_; }

private:
    Poco::Net::HTTPServerRequest& request_;
    Poco::Net::HTTPServerResponse& response_;
    bool switched_ = false;
};

}  // namespace ocomms::http
