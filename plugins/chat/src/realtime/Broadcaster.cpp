#include "realtime/Broadcaster.hpp"

#include <exception>

namespace ocomms::chat {

std::string userTopic(std::int64_t userId) { return "user:" + std::to_string(userId); }

void Broadcaster::toChannel(std::int64_t channelId, const nlohmann::json& event, std::int64_t sequence) {
    publish(realtime::channelTopic(channelId), event, sequence);
}

void Broadcaster::toOrganization(std::int64_t organizationId, const nlohmann::json& event) {
    publish(realtime::organizationTopic(organizationId), event, 0);
}

void Broadcaster::toUser(std::int64_t userId, const nlohmann::json& event) { publish(userTopic(userId), event, 0); }

void Broadcaster::dropFromChannel(std::int64_t userId, std::int64_t channelId) {
    if (hub_ == nullptr) return;
    try {
        hub_->unsubscribeUser(userId, realtime::channelTopic(channelId));
    } catch (const std::exception& e) {
        logger_.warn("could not unsubscribe user " + std::to_string(userId) + " from channel " +
                     std::to_string(channelId) + ": " + e.what());
    }
}

void Broadcaster::publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence) {
    if (hub_ == nullptr) return;
    try {
        hub_->publish(topic, event, sequence);
    } catch (const std::exception& e) {
        logger_.warn("could not publish " + event.value("type", std::string("an event")) + " to " + topic + ": " +
                     e.what());
    }
}

}  // namespace ocomms::chat
