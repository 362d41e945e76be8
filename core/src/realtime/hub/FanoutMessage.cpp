#include "realtime/hub/FanoutMessage.hpp"

#include <nlohmann/json.hpp>

namespace ocomms::realtime {
namespace {

using nlohmann::json;

bool isString(const json& message, const char* key) {
    return message.contains(key) && message[key].is_string();
}

bool isInteger(const json& message, const char* key) {
    return message.contains(key) && message[key].is_number_integer();
}

}  // namespace

std::string encodePublish(const std::string& node, const std::string& topic, std::string_view eventJson,
                          std::int64_t sequence) {
    // The event goes in as the text the hub already made for its own clients: serialised once per publish.
    std::string payload = json{{"node", node}, {"kind", "publish"}, {"topic", topic}, {"sequence", sequence}}.dump();
    payload.pop_back();  // the closing brace
    payload += ",\"event\":";
    payload += eventJson;
    payload += '}';
    return payload;
}

std::string encodeUnsubscribeUser(const std::string& node, std::int64_t userId, const std::string& topic) {
    return json{{"node", node}, {"kind", "unsubscribe_user"}, {"topic", topic}, {"user_id", userId}}.dump();
}

std::string encodeCloseUser(const std::string& node, std::int64_t userId, std::uint16_t code, const std::string& reason) {
    return json{{"node", node}, {"kind", "close_user"}, {"user_id", userId}, {"code", code}, {"reason", reason}}.dump(
        -1, ' ', false, json::error_handler_t::replace);
}

std::optional<FanoutMessage> decodeFanoutMessage(std::string_view payload) {
    const json message = json::parse(payload, nullptr, false);
    if (!message.is_object() || !isString(message, "node") || !isString(message, "kind")) return std::nullopt;
    FanoutMessage decoded;
    decoded.node = message["node"].get<std::string>();
    const std::string kind = message["kind"].get<std::string>();
    if (kind == "close_user") {
        if (!isInteger(message, "user_id") || !isInteger(message, "code") || !isString(message, "reason")) {
            return std::nullopt;
        }
        const auto code = message["code"].get<std::int64_t>();
        if (code < 1000 || code > 4999) return std::nullopt;
        decoded.kind = FanoutMessage::Kind::CloseUser;
        decoded.userId = message["user_id"].get<std::int64_t>();
        decoded.code = static_cast<std::uint16_t>(code);
        decoded.reason = message["reason"].get<std::string>();
        return decoded;
    }
    if (!isString(message, "topic")) return std::nullopt;
    decoded.topic = message["topic"].get<std::string>();
    if (kind == "publish") {
        if (!isInteger(message, "sequence") || !message.contains("event") || !message["event"].is_object()) {
            return std::nullopt;
        }
        decoded.kind = FanoutMessage::Kind::Publish;
        decoded.sequence = message["sequence"].get<std::int64_t>();
        decoded.eventJson = message["event"].dump();
        return decoded;
    }
    if (kind == "unsubscribe_user" && isInteger(message, "user_id")) {
        decoded.kind = FanoutMessage::Kind::UnsubscribeUser;
        decoded.userId = message["user_id"].get<std::int64_t>();
        return decoded;
    }
    return std::nullopt;
}

}  // namespace ocomms::realtime
