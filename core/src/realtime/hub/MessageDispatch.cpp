#include "realtime/hub/MessageDispatch.hpp"

#include <exception>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

#include <ocomms/http.hpp>

namespace ocomms::realtime {
namespace {

using nlohmann::json;

/// The frame as a message, or the error event it deserves.
std::variant<ClientMessage, json> parse(std::string_view text) {
    json body;
    try {
        body = json::parse(text);
    } catch (const json::parse_error& error) {
        return errorEvent(nullptr, "invalid_json",
                          "the message is not valid JSON (byte " + std::to_string(error.byte) + ")");
    }
    if (!body.is_object()) return errorEvent(nullptr, "invalid_message", "a message must be a JSON object");
    json ref = body.contains("ref") ? body.at("ref") : json();
    const auto type = body.find("type");
    if (type == body.end() || !type->is_string()) {
        return errorEvent(ref, "invalid_message", "a message needs a string \"type\"");
    }
    ClientMessage message;
    message.type = type->get<std::string>();
    message.ref = std::move(ref);
    message.body = std::move(body);
    return message;
}

}  // namespace

json errorEvent(const json& ref, std::string_view code, std::string_view message) {
    return json{{"type", "error"}, {"ref", ref}, {"code", code}, {"message", message}};
}

void MessageDispatch::add(const std::string& owner, std::shared_ptr<const void> keepAlive, const std::string& type,
                          MessageHandler handler) {
    if (!handler) throw std::invalid_argument("realtime handler for message type '" + type + "' is empty");
    std::unique_lock lock(mutex_);
    if (const auto existing = handlers_.find(type); existing != handlers_.end()) {
        throw std::invalid_argument("realtime message type '" + type + "' is already handled by '" +
                                    existing->second.owner + "'");
    }
    handlers_.emplace(type, util::Owned<MessageHandler>{owner, std::move(keepAlive), std::move(handler)});
}

void MessageDispatch::removeOwner(const std::string& owner) {
    std::vector<util::Owned<MessageHandler>> removed;  // destroyed after the lock is released
    std::unique_lock lock(mutex_);
    for (auto it = handlers_.begin(); it != handlers_.end();) {
        if (it->second.owner != owner) {
            ++it;
            continue;
        }
        removed.push_back(std::move(it->second));
        it = handlers_.erase(it);
    }
}

std::optional<json> MessageDispatch::dispatch(const Client& client, std::string_view text) const {
    auto parsed = parse(text);
    if (auto* error = std::get_if<json>(&parsed)) return std::move(*error);
    const ClientMessage& message = std::get<ClientMessage>(parsed);
    const auto handler = find(message.type);
    if (!handler) {
        return errorEvent(message.ref, "unknown_type", "no handler for message type '" + message.type + "'");
    }
    return run(*handler, client, message);
}

json MessageDispatch::tooManyRequests(std::string_view text) {
    const json body = json::parse(text, nullptr, false);
    const json ref = body.is_object() && body.contains("ref") ? body.at("ref") : json();
    return errorEvent(ref, "too_many_requests", "too many messages of this connection are waiting; this one was dropped");
}

std::optional<util::Owned<MessageHandler>> MessageDispatch::find(const std::string& type) const {
    std::shared_lock lock(mutex_);
    const auto it = handlers_.find(type);
    if (it == handlers_.end()) return std::nullopt;
    return it->second;
}

std::optional<json> MessageDispatch::run(const util::Owned<MessageHandler>& handler, const Client& client,
                                         const ClientMessage& message) const {
    const auto failed = [&](std::string_view why) {
        logger_.error("realtime: handler of '" + handler.owner + "' for message type '" + message.type +
                      "' failed: " + std::string(why));
        return errorEvent(message.ref, "internal_error", "the server failed to handle '" + message.type + "'");
    };
    try {
        std::optional<json> reply = handler.value(client, message);
        if (!reply) return std::nullopt;
        if (!reply->is_object()) return failed("its reply is not a JSON object");
        if (!message.ref.is_null()) (*reply)["ref"] = message.ref;
        return reply;
    } catch (const http::HttpError& error) {
        return errorEvent(message.ref, error.code(), error.what());
    } catch (const std::exception& error) {
        return failed(error.what());
    } catch (...) {
        return failed("an unknown exception");
    }
}

}  // namespace ocomms::realtime
