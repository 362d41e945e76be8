// Publishes chat's events to WebSocket clients through the host's realtime hub, after the change they
// describe is committed. Without a hub (a host that offers none) it does nothing, and chat serves its
// REST API alone. A failure to publish is logged, never thrown: the change is committed already, and
// clients that missed the event catch up from the database by sequence number.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <ocomms/logger.hpp>
#include <ocomms/realtime.hpp>

namespace ocomms::chat {

/// "user:<id>": every connection of one user (their other tabs and devices).
std::string userTopic(std::int64_t userId);

class Broadcaster {
public:
    Broadcaster(realtime::Hub* hub, Logger& logger) : hub_(hub), logger_(logger) {}

    /// `sequence` > 0 only for message.created: the channel's message sequence number.
    void toChannel(std::int64_t channelId, const nlohmann::json& event, std::int64_t sequence = 0);
    void toOrganization(std::int64_t organizationId, const nlohmann::json& event);
    void toUser(std::int64_t userId, const nlohmann::json& event);
    /// The user's connections stop receiving the channel's events (removed from it, or left).
    void dropFromChannel(std::int64_t userId, std::int64_t channelId);

private:
    void publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence);

    realtime::Hub* hub_;
    Logger& logger_;
};

}  // namespace ocomms::chat
