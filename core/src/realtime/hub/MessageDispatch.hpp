// Client messages to plugin handlers: the handlers by `type` (each tagged with its plugin), the parsing of
// a text frame, and the answers the protocol promises: the handler's reply with the client's `ref`, or an
// `error` event (`{"type":"error","ref":...,"code":...,"message":...}`) that carries the `ref` too.
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <ocomms/logger.hpp>
#include <ocomms/realtime.hpp>

#include "util/OwnedList.hpp"

namespace ocomms::realtime {

/// `{"type":"error","ref":ref,"code":code,"message":message}`; `ref` is null when the request had none.
nlohmann::json errorEvent(const nlohmann::json& ref, std::string_view code, std::string_view message);

class MessageDispatch {
public:
    explicit MessageDispatch(Logger& logger) : logger_(logger) {}

    /// Throws std::invalid_argument when the handler is empty or another handler has the type (naming the
    /// type and the owner of the existing one).
    void add(const std::string& owner, std::shared_ptr<const void> keepAlive, const std::string& type,
             MessageHandler handler);
    void removeOwner(const std::string& owner);

    /// Handles one text frame of `client`: returns what to answer (the handler's reply, or an error
    /// event), or nothing when the handler answered nothing. Never throws.
    std::optional<nlohmann::json> dispatch(const Client& client, std::string_view text) const;

    /// The answer to a frame that was dropped because too many of its connection's messages wait.
    static nlohmann::json tooManyRequests(std::string_view text);

private:
    std::optional<util::Owned<MessageHandler>> find(const std::string& type) const;
    std::optional<nlohmann::json> run(const util::Owned<MessageHandler>& handler, const Client& client,
                                      const ClientMessage& message) const;

    Logger& logger_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, util::Owned<MessageHandler>> handlers_;
};

}  // namespace ocomms::realtime
