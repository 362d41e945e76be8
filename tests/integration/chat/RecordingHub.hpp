// Stand-ins for the host's realtime hub and presence, for running chat's WebSocket handlers without
// sockets: the hub keeps the handlers registered with it and records what is sent, subscribed and
// published; presence answers from a table and records what clients say.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <ocomms/realtime.hpp>

namespace ocomms::test {

class RecordingHub final : public realtime::Hub {
public:
    struct Published {
        std::string topic;
        nlohmann::json event;
        std::int64_t sequence = 0;
    };

    void handle(const std::string& type, realtime::MessageHandler handler) override {
        if (!handlers_.emplace(type, std::move(handler)).second) throw std::invalid_argument("taken: " + type);
    }
    void onConnect(realtime::ConnectionHandler handler) override { connectHandlers_.push_back(std::move(handler)); }
    void onDisconnect(realtime::ConnectionHandler handler) override { (void)handler; }
    bool send(realtime::ConnectionId connection, const nlohmann::json& event) override {
        sent[connection].push_back(event);
        return true;
    }
    void subscribe(realtime::ConnectionId connection, const std::string& topic,
                   const realtime::CatchUp& catchUp) override {
        subscriptions.insert({connection, topic});
        if (catchUp) lastCatchUp = catchUp();
    }
    void unsubscribe(realtime::ConnectionId connection, const std::string& topic) override {
        subscriptions.erase({connection, topic});
    }
    void unsubscribeUser(std::int64_t userId, const std::string& topic) override {
        droppedUsers.emplace_back(userId, topic);
    }
    void publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence) override {
        published.push_back({topic, event, sequence});
    }
    void close(realtime::ConnectionId, std::uint16_t, const std::string&) override {}
    void closeUser(std::int64_t userId, std::uint16_t, const std::string&) override { closedUsers.push_back(userId); }

    /// A connection opens, as the hub would announce it.
    void connect(const realtime::Client& client) {
        for (const auto& handler : connectHandlers_) handler(client);
    }
    /// Runs the handler of body["type"] for the client; its reply.
    std::optional<nlohmann::json> request(const realtime::Client& client, const nlohmann::json& body) {
        const realtime::ClientMessage message{body.at("type"), body, body.value("ref", nlohmann::json())};
        return handlers_.at(message.type)(client, message);
    }
    bool handles(const std::string& type) const { return handlers_.contains(type); }
    /// The events published to `topic`, in order.
    std::vector<Published> publishedTo(const std::string& topic) const {
        std::vector<Published> matching;
        for (const auto& p : published)
            if (p.topic == topic) matching.push_back(p);
        return matching;
    }

    std::map<realtime::ConnectionId, std::vector<nlohmann::json>> sent;
    std::set<std::pair<realtime::ConnectionId, std::string>> subscriptions;
    std::optional<std::int64_t> lastCatchUp;  ///< what the last catch-up returned
    std::vector<std::pair<std::int64_t, std::string>> droppedUsers;
    std::vector<std::int64_t> closedUsers;
    std::vector<Published> published;

private:
    std::map<std::string, realtime::MessageHandler> handlers_;
    std::vector<realtime::ConnectionHandler> connectHandlers_;
};

class TablePresence final : public realtime::Presence {
public:
    realtime::PresenceStatus status(std::int64_t userId) override {
        const auto it = statusOf.find(userId);
        return it == statusOf.end() ? realtime::PresenceStatus::Offline : it->second;
    }
    std::vector<realtime::PresenceStatus> statuses(const std::vector<std::int64_t>& userIds) override {
        std::vector<realtime::PresenceStatus> result;
        for (const auto id : userIds) result.push_back(status(id));
        return result;
    }
    void setAway(realtime::ConnectionId connection, bool away) override { awayCalls.emplace_back(connection, away); }
    void onChange(realtime::PresenceHandler handler) override { changeHandlers.push_back(std::move(handler)); }

    /// A user's status changes, as presence would announce it.
    void change(std::int64_t userId, realtime::PresenceStatus status) {
        statusOf[userId] = status;
        for (const auto& handler : changeHandlers) handler(userId, status);
    }

    std::map<std::int64_t, realtime::PresenceStatus> statusOf;
    std::vector<std::pair<realtime::ConnectionId, bool>> awayCalls;
    std::vector<realtime::PresenceHandler> changeHandlers;
};

}  // namespace ocomms::test
