#include "realtime/hub/TopicRegistry.hpp"

namespace ocomms::realtime {

void TopicRegistry::subscribe(ConnectionId connection, std::int64_t userId, const std::string& topic) {
    std::unique_lock lock(mutex_);
    std::unique_lock<std::mutex> topicLock;
    subscriberLocked(connection, userId, topic, topicLock);
}

TopicRegistry::HoldHandle TopicRegistry::hold(ConnectionId connection, std::int64_t userId, const std::string& topic) {
    std::unique_lock lock(mutex_);
    std::unique_lock<std::mutex> topicLock;
    Subscriber& subscriber = subscriberLocked(connection, userId, topic, topicLock);
    subscriber.hold = std::make_shared<Hold>();
    return subscriber.hold;
}

void TopicRegistry::release(ConnectionId connection, const std::string& topic, const HoldHandle& hold,
                            std::int64_t coveredUpTo) {
    const auto entry = find(topic);
    if (!entry) return;
    // Under the topic's lock, so that no live event overtakes the held ones.
    std::lock_guard topicLock(entry->mutex);
    const auto it = entry->subscribers.find(connection);
    if (it == entry->subscribers.end() || it->second.hold != hold) return;
    it->second.hold.reset();
    if (hold->overflowed) return;  // the connection is being closed
    for (const auto& [sequence, frame] : hold->events) {
        if (sequence == 0 || sequence > coveredUpTo) sink_.deliver(connection, frame);
    }
}

void TopicRegistry::cancel(ConnectionId connection, const std::string& topic, const HoldHandle& hold) {
    std::unique_lock lock(mutex_);
    const auto entry = topics_.find(topic);
    if (entry == topics_.end()) return;
    {
        std::lock_guard topicLock(entry->second->mutex);
        const auto it = entry->second->subscribers.find(connection);
        if (it == entry->second->subscribers.end() || it->second.hold != hold) return;
    }
    eraseLocked(connection, topic);
}

void TopicRegistry::unsubscribe(ConnectionId connection, const std::string& topic) {
    std::unique_lock lock(mutex_);
    eraseLocked(connection, topic);
}

void TopicRegistry::unsubscribeUser(std::int64_t userId, const std::string& topic) {
    std::unique_lock lock(mutex_);
    const auto entry = topics_.find(topic);
    if (entry == topics_.end()) return;
    std::vector<ConnectionId> connections;
    {
        std::lock_guard topicLock(entry->second->mutex);
        for (const auto& [connection, subscriber] : entry->second->subscribers) {
            if (subscriber.userId == userId) connections.push_back(connection);
        }
    }
    for (const ConnectionId connection : connections) eraseLocked(connection, topic);
}

void TopicRegistry::removeConnection(ConnectionId connection) {
    std::unique_lock lock(mutex_);
    const auto of = topicsOf_.find(connection);
    if (of == topicsOf_.end()) return;
    const std::unordered_set<std::string> topics = of->second;
    for (const std::string& topic : topics) eraseLocked(connection, topic);
}

void TopicRegistry::publish(const std::string& topic, std::int64_t sequence, std::string_view eventJson) {
    const auto entry = find(topic);
    if (!entry) return;
    const SharedFrame frame = ConnectionLoops::encodeTextFrame(eventJson);
    std::vector<ConnectionId> live;
    std::lock_guard topicLock(entry->mutex);
    live.reserve(entry->subscribers.size());
    for (auto& [connection, subscriber] : entry->subscribers) {
        if (subscriber.hold) {
            append(*subscriber.hold, connection, sequence, frame);
        } else {
            live.push_back(connection);
        }
    }
    sink_.deliverToEach(live, frame);
}

TopicRegistry::Subscriber& TopicRegistry::subscriberLocked(ConnectionId connection, std::int64_t userId,
                                                           const std::string& topic,
                                                           std::unique_lock<std::mutex>& topicLock) {
    auto& entry = topics_[topic];
    if (!entry) entry = std::make_shared<Topic>();
    topicLock = std::unique_lock(entry->mutex);
    topicsOf_[connection].insert(topic);
    Subscriber& subscriber = entry->subscribers[connection];
    subscriber.userId = userId;
    return subscriber;
}

void TopicRegistry::eraseLocked(ConnectionId connection, const std::string& topic) {
    const auto entry = topics_.find(topic);
    if (entry != topics_.end()) {
        bool empty = false;
        {
            std::lock_guard topicLock(entry->second->mutex);
            entry->second->subscribers.erase(connection);
            empty = entry->second->subscribers.empty();
        }
        if (empty) topics_.erase(entry);
    }
    const auto of = topicsOf_.find(connection);
    if (of == topicsOf_.end()) return;
    of->second.erase(topic);
    if (of->second.empty()) topicsOf_.erase(of);
}

std::shared_ptr<TopicRegistry::Topic> TopicRegistry::find(const std::string& topic) const {
    std::shared_lock lock(mutex_);
    const auto entry = topics_.find(topic);
    return entry == topics_.end() ? nullptr : entry->second;
}

void TopicRegistry::append(Hold& hold, ConnectionId connection, std::int64_t sequence, const SharedFrame& frame) {
    if (hold.overflowed) return;
    hold.bytes += frame->size();
    if (hold.bytes > maxHeldBytes_) {
        hold.overflowed = true;
        hold.events.clear();
        hold.events.shrink_to_fit();
        sink_.holdOverflowed(connection);
        return;
    }
    hold.events.emplace_back(sequence, frame);
}

}  // namespace ocomms::realtime
