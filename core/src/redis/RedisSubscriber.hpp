// A Redis SUBSCRIBE connection on its own thread: messages of a fixed set of channels handed to a
// callback, reconnecting with backoff when the connection is lost.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <ocomms/logger.hpp>

#include "redis/RedisClient.hpp"

namespace ocomms::redis {

class RedisSubscriber {
public:
    using MessageHandler = std::function<void(const std::string& channel, const std::string& payload)>;
    /// Called on the subscriber thread each time the subscription is in place. `afterGap` is true when it
    /// had been lost before: messages published meanwhile were missed.
    using SubscribedHandler = std::function<void(bool afterGap)>;

    RedisSubscriber(RedisUrl url, std::vector<std::string> channels, MessageHandler onMessage,
                    SubscribedHandler onSubscribed, Logger& logger);
    ~RedisSubscriber();  ///< stops
    RedisSubscriber(const RedisSubscriber&) = delete;
    RedisSubscriber& operator=(const RedisSubscriber&) = delete;

    /// Subscribes and starts the thread. Throws RedisError when the first subscription fails within
    /// `timeout`; later losses are retried (with backoff up to 5 s) and logged.
    void start(std::chrono::milliseconds timeout);
    /// Ends the subscription and joins the thread. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ocomms::redis
