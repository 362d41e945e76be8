// JSON calls to a server's REST API over one kept-alive HTTP/1.1 connection, for the set-up before a run.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ocomms::bench {

struct RestReply {
    int status = 0;
    nlohmann::json body;  ///< null when the body was empty or not JSON
};

class RestClient {
public:
    RestClient(const std::string& host, std::uint16_t port);

    /// A null `body` sends none; an empty `token` sends no Authorization.
    RestReply call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
                   const std::string& token = "");

    /// call(), and a std::runtime_error naming the request, the status and the body unless the status
    /// is `expected`.
    nlohmann::json expect(int expected, const std::string& method, const std::string& path,
                          const nlohmann::json& body = nullptr, const std::string& token = "");

private:
    Poco::Net::HTTPClientSession session_;
};

}  // namespace ocomms::bench
