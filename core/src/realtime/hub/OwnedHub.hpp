// The Hub a plugin sees: its handlers are registered under its own name, so that RealtimeHub::removeOwner
// removes them when it stops (as http::OwnedRouter does for routes); everything else goes to the hub.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "realtime/hub/RealtimeHub.hpp"

namespace ocomms::realtime {

class OwnedHub final : public Hub {
public:
    OwnedHub(RealtimeHub& hub, std::string owner, std::shared_ptr<const void> keepAlive)
        : hub_(hub), owner_(std::move(owner)), keepAlive_(std::move(keepAlive)) {}

    void handle(const std::string& type, MessageHandler handler) override {
        hub_.addMessageHandler(owner_, keepAlive_, type, std::move(handler));
    }
    void onConnect(ConnectionHandler handler) override {
        hub_.addConnectHandler(owner_, keepAlive_, std::move(handler));
    }
    void onDisconnect(ConnectionHandler handler) override {
        hub_.addDisconnectHandler(owner_, keepAlive_, std::move(handler));
    }
    bool send(ConnectionId connection, const nlohmann::json& event) override { return hub_.send(connection, event); }
    void subscribe(ConnectionId connection, const std::string& topic, const CatchUp& catchUp) override {
        hub_.subscribe(connection, topic, catchUp);
    }
    void unsubscribe(ConnectionId connection, const std::string& topic) override { hub_.unsubscribe(connection, topic); }
    void unsubscribeUser(std::int64_t userId, const std::string& topic) override {
        hub_.unsubscribeUser(userId, topic);
    }
    void publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence) override {
        hub_.publish(topic, event, sequence);
    }
    void close(ConnectionId connection, std::uint16_t code, const std::string& reason) override {
        hub_.close(connection, code, reason);
    }
    void closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) override {
        hub_.closeUser(userId, code, reason);
    }

private:
    RealtimeHub& hub_;
    std::string owner_;
    std::shared_ptr<const void> keepAlive_;
};

}  // namespace ocomms::realtime
