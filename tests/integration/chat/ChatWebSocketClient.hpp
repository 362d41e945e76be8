// Chat over a real WebSocket to a running server, for the end-to-end tests: requests with a `ref`, their
// answers, and the events of docs/protocol.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "identity/IdentityApiClient.hpp"
#include "support/WebSocketClient.hpp"

namespace ocomms::test {

using nlohmann::json;

class ChatSocket {
public:
    /// Connects and waits for `hello`: from then on the connection hears its organizations' events.
    static ChatSocket open(std::uint16_t port, const Account& as) {
        ChatSocket socket(WebSocketClient::connect("127.0.0.1", port, "/api/ws",
                                                   {{"Authorization", "Bearer " + as.token}}));
        const json hello = expect(socket.socket_.waitFor("hello"), "hello");
        if (hello["user"]["id"] != as.id) throw std::runtime_error("hello names another user: " + hello.dump());
        return socket;
    }

    /// Sends `request` with a new ref and returns the answer that carries it (ack, result, subscribed,
    /// error...). Throws when none comes in time.
    nlohmann::json request(nlohmann::json request) {
        const int ref = ++lastRef_;
        request["ref"] = ref;
        socket_.sendJson(request);
        return expect(socket_.waitFor([ref](const nlohmann::json& m) { return m.value("ref", nlohmann::json()) == ref; }),
                      "the answer to " + request.dump());
    }
    /// `data` of the `result` answering a request; throws on any other answer.
    nlohmann::json result(const nlohmann::json& request) {
        const auto answer = this->request(request);
        if (answer.value("type", "") != "result") throw std::runtime_error("expected a result, got " + answer.dump());
        return answer["data"];
    }
    nlohmann::json subscribe(std::int64_t channelId, std::int64_t afterSeq) {
        return request({{"type", "subscribe"}, {"channel_id", channelId}, {"after_seq", afterSeq}});
    }
    nlohmann::json send(std::int64_t channelId, const std::string& text, const std::string& clientId) {
        return request({{"type", "message.send"}, {"channel_id", channelId}, {"text", text}, {"client_id", clientId}});
    }
    /// The next event of `type` (others stay queued). Throws when none comes in time.
    nlohmann::json next(const std::string& type) { return expect(socket_.waitFor(type), "a " + type + " event"); }
    /// The next `message.created` of the channel.
    nlohmann::json nextMessage(std::int64_t channelId) {
        return expect(socket_.waitFor([channelId](const nlohmann::json& m) {
                          return m.value("type", "") == "message.created" && m["message"]["channel_id"] == channelId;
                      }),
                      "message.created in channel " + std::to_string(channelId))["message"];
    }

    WebSocketClient& raw() { return socket_; }

private:
    explicit ChatSocket(WebSocketClient socket) : socket_(std::move(socket)) {}

    static nlohmann::json expect(std::optional<nlohmann::json> message, const std::string& what) {
        if (!message) throw std::runtime_error("timed out waiting for " + what);
        return *message;
    }

    WebSocketClient socket_;
    int lastRef_ = 0;
};

}  // namespace ocomms::test
