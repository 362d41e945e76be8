// Socket.IO 5 over Engine.IO 4, WebSocket transport from the start. Each WebSocket text message is one
// Engine.IO packet: a type digit, then data. Packet 4 ("message") carries a Socket.IO packet: a type
// digit, an optional ack id, then a JSON array.
//   server: 0{"sid":..,"pingInterval":..}  open        client: 40                 connect to "/"
//   server: 40{"sid":..}                   connected   client: 42<id>["event",{}] event asking an ack
//   server: 43<id>[{...}]                  ack         server: 42["event",{...}]  event
//   server: 2                              ping        client: 3                  pong
#include "MessageText.hpp"
#include "WireProtocol.hpp"

#include <cctype>

namespace ocomms::bench {
namespace {

constexpr std::string_view kDeliveryPrefix = R"(42["message.created",)";

class SocketIoProtocol final : public WireProtocol {
public:
    std::string upgradeTarget() const override { return "/socket.io/?EIO=4&transport=websocket"; }
    bool connectedAtUpgrade() const override { return false; }

    std::string subscribeText(std::int64_t channelId) override {
        return "42" + std::to_string(++lastAckId_) + R"(["subscribe",{"channel_id":)" + std::to_string(channelId) + "}]";
    }

    std::string sendText(std::int64_t channelId, std::string_view text, std::string_view clientId) override {
        return "42" + std::to_string(++lastAckId_) + R"(["message.send",{"channel_id":)" + std::to_string(channelId) +
               R"(,"text":")" + std::string(text) + R"(","client_id":")" + std::string(clientId) + "\"}]";
    }

    Incoming classify(std::string_view text) const override {
        if (text.starts_with(kDeliveryPrefix)) return {Incoming::Kind::Delivered, sendTimeInJson(text).value_or(0), {}};
        if (text == "2") return {Incoming::Kind::Reply, 0, "3"};
        if (text.starts_with("0{")) return {Incoming::Kind::Reply, 0, "40"};
        if (text.starts_with("40")) return {Incoming::Kind::Connected, 0, {}};
        if (text.starts_with("43")) return classifyAck(text.substr(2));
        // 1: the transport closes; 41: disconnected by the server; 44: connection refused.
        if (text.starts_with("1") || text.starts_with("41") || text.starts_with("44")) return {Incoming::Kind::Failed, 0, {}};
        return {};
    }

private:
    /// The server acks a subscribe with {channel_id, seq}, a send with {message_id, seq}, a refusal
    /// with {error}.
    static Incoming classifyAck(std::string_view idAndArguments) {
        std::size_t digits = 0;
        while (digits < idAndArguments.size() && std::isdigit(static_cast<unsigned char>(idAndArguments[digits])) != 0) ++digits;
        const auto arguments = idAndArguments.substr(digits);
        if (digits == 0 || arguments.find("\"error\"") != std::string_view::npos) return {Incoming::Kind::Failed, 0, {}};
        if (arguments.find("\"message_id\"") != std::string_view::npos) return {Incoming::Kind::Acked, 0, {}};
        return {Incoming::Kind::Subscribed, 0, {}};
    }

    std::uint64_t lastAckId_ = 0;
};

}  // namespace

std::unique_ptr<WireProtocol> socketIoProtocol() { return std::make_unique<SocketIoProtocol>(); }

}  // namespace ocomms::bench
