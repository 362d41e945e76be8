// The event bus: how plugins hook into each other without including each other.
//
// An event has a name ("message.will_post") and a JSON payload. Handlers run synchronously, in ascending
// priority order (ties in registration order), and may change the payload or reject the event with a
// reason; after a rejection no further handler runs. The publisher decides what a rejection means.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace ocomms {

struct Event {
    std::string name;
    nlohmann::json payload;
    bool rejected = false;
    std::string reason;

    void reject(std::string why) {
        rejected = true;
        reason = std::move(why);
    }
};

using EventHandler = std::function<void(Event&)>;

class EventBus {
public:
    virtual ~EventBus() = default;
    virtual void subscribe(const std::string& eventName, EventHandler handler, int priority = 0) = 0;
    /// Runs the handlers for event.name. An exception from a handler is logged with its plugin's name
    /// and treated as a rejection ("handler failed"), so a faulty plugin cannot let a vetoed event through.
    virtual void publish(Event& event) = 0;
};

}  // namespace ocomms
