// OComms' realtime protocol (docs/api.md): client frames {"type":"subscribe",...} and
// {"type":"message.send",...}; the server answers "subscribed", "ack" or "error" and pushes
// "message.created" to every subscriber of the channel.
#include "MessageText.hpp"
#include "WireProtocol.hpp"

namespace ocomms::bench {
namespace {

/// The value of the first `"name":"value"` of compact JSON, unescaped characters only.
std::string_view stringField(std::string_view json, std::string_view name) {
    const std::string key = "\"" + std::string(name) + "\":\"";
    const auto at = json.find(key);
    if (at == std::string_view::npos) return {};
    const auto begin = at + key.size();
    const auto end = json.find('"', begin);
    return end == std::string_view::npos ? std::string_view{} : json.substr(begin, end - begin);
}

class OcommsProtocol final : public WireProtocol {
public:
    std::string upgradeTarget() const override { return "/api/ws"; }
    bool connectedAtUpgrade() const override { return true; }

    std::string subscribeText(std::int64_t channelId) override {
        return R"({"type":"subscribe","channel_id":)" + std::to_string(channelId) + R"(,"after_seq":0})";
    }

    std::string sendText(std::int64_t channelId, std::string_view text, std::string_view clientId) override {
        return R"({"type":"message.send","channel_id":)" + std::to_string(channelId) + R"(,"text":")" +
               std::string(text) + R"(","client_id":")" + std::string(clientId) + "\"}";
    }

    Incoming classify(std::string_view text) const override {
        // Deliveries first: the message object nested in one might carry a "type" of its own.
        if (text.find(R"("type":"message.created")") != std::string_view::npos) {
            return {Incoming::Kind::Delivered, sendTimeInJson(text).value_or(0), {}};
        }
        const auto type = stringField(text, "type");
        if (type == "ack") return {Incoming::Kind::Acked, 0, {}};
        if (type == "subscribed") return {Incoming::Kind::Subscribed, 0, {}};
        if (type == "error") return {Incoming::Kind::Failed, 0, {}};
        return {};
    }
};

}  // namespace

std::unique_ptr<WireProtocol> ocommsProtocol() { return std::make_unique<OcommsProtocol>(); }

std::unique_ptr<WireProtocol> wireProtocolFor(Protocol protocol) {
    return protocol == Protocol::Ocomms ? ocommsProtocol() : socketIoProtocol();
}

}  // namespace ocomms::bench
