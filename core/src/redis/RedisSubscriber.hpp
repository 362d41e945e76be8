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

/// The connection name (CLIENT SETNAME) a subscriber uses, "ocomms-sub:<first channel>", so that an
/// operator's CLIENT LIST shows what each connection is for.
std::string subscriberClientName(const std::string& channel);

class RedisSubscriber {
public:
    using MessageHandler = std::function<void(const std::string& channel, const std::string& payload)>;
    /// Called each time the subscription is in place: first from start() (on its caller's thread) with
    /// `afterGap` false, then on the subscriber thread after each reconnection with `afterGap` true:
    /// messages published while it was lost were missed.
    using SubscribedHandler = std::function<void(bool afterGap)>;

    static constexpr std::chrono::milliseconds kPingInterval{5000};

    RedisSubscriber(RedisUrl url, std::vector<std::string> channels, MessageHandler onMessage,
                    SubscribedHandler onSubscribed, Logger& logger);
    ~RedisSubscriber();  ///< stops
    RedisSubscriber(const RedisSubscriber&) = delete;
    RedisSubscriber& operator=(const RedisSubscriber&) = delete;

    /// Subscribes and starts the thread. Throws RedisError when the first subscription fails within
    /// `timeout`; later losses are retried (with backoff up to 5 s) and logged. A connection that stays
    /// silent is checked with PING, so a Redis that vanished without closing the TCP connection is noticed
    /// within about two `kPingInterval`s.
    void start(std::chrono::milliseconds timeout);
    /// Ends the subscription and joins the thread. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ocomms::redis
