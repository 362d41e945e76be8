#include "RestClient.hpp"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <stdexcept>

namespace ocomms::bench {

RestClient::RestClient(const std::string& host, std::uint16_t port) : session_(host, port) {
    session_.setKeepAlive(true);
    session_.setTimeout(Poco::Timespan(60, 0));
}

RestReply RestClient::call(const std::string& method, const std::string& path, const nlohmann::json& body,
                           const std::string& token) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    if (!token.empty()) request.set("Authorization", "Bearer " + token);
    const std::string text = body.is_null() ? "" : body.dump();
    request.setContentLength(static_cast<std::streamsize>(text.size()));
    if (!text.empty()) request.setContentType("application/json");
    session_.sendRequest(request) << text;

    Poco::Net::HTTPResponse response;
    std::istream& in = session_.receiveResponse(response);
    std::string received;
    Poco::StreamCopier::copyToString(in, received);
    auto parsed = nlohmann::json::parse(received, nullptr, false);
    if (parsed.is_discarded()) parsed = nullptr;
    return RestReply{static_cast<int>(response.getStatus()), std::move(parsed)};
}

nlohmann::json RestClient::expect(int expected, const std::string& method, const std::string& path,
                                  const nlohmann::json& body, const std::string& token) {
    auto reply = call(method, path, body, token);
    if (reply.status != expected) {
        throw std::runtime_error(method + " " + path + ": expected " + std::to_string(expected) + ", got " +
                                 std::to_string(reply.status) + " " + reply.body.dump());
    }
    return std::move(reply.body);
}

}  // namespace ocomms::bench
