#include "events/EventBusImpl.hpp"

#include <algorithm>

namespace ocomms::events {

void EventBusImpl::subscribe(const std::string& owner, std::shared_ptr<const void> keepAlive,
                             const std::string& eventName, EventHandler handler, int priority) {
    subscriptions_.add(owner, std::move(keepAlive), Subscription{eventName, priority, std::move(handler)});
}

void EventBusImpl::publish(Event& event) {
    auto all = subscriptions_.snapshot();
    std::vector<const util::Owned<Subscription>*> matching;
    for (const auto& s : all)
        if (s.value.eventName == event.name) matching.push_back(&s);
    // Stable: equal priorities run in registration order.
    std::stable_sort(matching.begin(), matching.end(),
                     [](const auto* a, const auto* b) { return a->value.priority < b->value.priority; });
    for (const auto* s : matching) {
        try {
            s->value.handler(event);
        } catch (const std::exception& e) {
            logger_.error("plugin '" + s->owner + "' failed handling event '" + event.name + "': " + e.what());
            event.reject("handler of plugin '" + s->owner + "' failed");
        } catch (...) {
            logger_.error("plugin '" + s->owner + "' failed handling event '" + event.name + "'");
            event.reject("handler of plugin '" + s->owner + "' failed");
        }
        if (event.rejected) return;
    }
}

}  // namespace ocomms::events
