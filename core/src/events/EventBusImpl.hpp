// The host's event bus; each plugin reaches it through an OwnedEventBus.
#pragma once

#include <ocomms/events.hpp>
#include <ocomms/logger.hpp>

#include "util/OwnedList.hpp"

namespace ocomms::events {

struct Subscription {
    std::string eventName;
    int priority = 0;
    EventHandler handler;
};

class EventBusImpl {
public:
    explicit EventBusImpl(Logger& logger) : logger_(logger) {}

    void subscribe(const std::string& owner, std::shared_ptr<const void> keepAlive, const std::string& eventName,
                   EventHandler handler, int priority);
    void removeOwner(const std::string& owner) { subscriptions_.removeOwner(owner); }
    /// See EventBus::publish.
    void publish(Event& event);

private:
    Logger& logger_;
    util::OwnedList<Subscription> subscriptions_;
};

class OwnedEventBus final : public EventBus {
public:
    OwnedEventBus(EventBusImpl& bus, std::string owner, std::shared_ptr<const void> keepAlive)
        : bus_(bus), owner_(std::move(owner)), keepAlive_(std::move(keepAlive)) {}
    void subscribe(const std::string& eventName, EventHandler handler, int priority) override {
        bus_.subscribe(owner_, keepAlive_, eventName, std::move(handler), priority);
    }
    void publish(Event& event) override { bus_.publish(event); }

private:
    EventBusImpl& bus_;
    std::string owner_;
    std::shared_ptr<const void> keepAlive_;
};

}  // namespace ocomms::events
