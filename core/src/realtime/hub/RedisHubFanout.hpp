// The fan-out between nodes through Redis: every hub PUBLISHes its messages on one channel and
// SUBSCRIBEs to it, skipping its own. Publishing never blocks the caller: messages wait in an outbox that
// one sender thread empties, pipelining whatever has gathered into one round trip.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <ocomms/logger.hpp>

#include "realtime/hub/HubFanout.hpp"
#include "redis/RedisClient.hpp"
#include "redis/RedisSubscriber.hpp"

namespace ocomms::realtime {

class RedisHubFanout final : public HubFanout {
public:
    /// The channel every node of an instance uses.
    static constexpr const char* kDefaultChannel = "ocomms:hub";
    /// Messages waiting for Redis beyond which new ones are dropped (Redis is gone or far too slow).
    static constexpr std::size_t kMaxWaiting = 100'000;

    /// `timeout` bounds the connect and every command. Hubs that share `channel` hear each other (tests use
    /// their own channel, so that they never hear another test's nodes).
    RedisHubFanout(redis::RedisUrl url, std::chrono::milliseconds timeout, Logger& logger,
                   std::string channel = kDefaultChannel);
    ~RedisHubFanout() override;  ///< stops

    /// Subscribes (throws redis::RedisError when Redis cannot be reached within the timeout) and starts
    /// the sender.
    void start(const std::string& nodeId, HubFanoutReceiver& receiver) override;
    void stop() override;

    void publish(const std::string& topic, std::string_view eventJson, std::int64_t sequence) override;
    void unsubscribeUser(std::int64_t userId, const std::string& topic) override;
    void closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) override;

private:
    void enqueue(std::string payload);
    void onMessage(const std::string& payload);
    void runSender();
    void sendBatch(const std::vector<std::string>& payloads);

    const std::chrono::milliseconds timeout_;
    const std::string channel_;
    Logger& logger_;
    redis::RedisClient client_;
    std::unique_ptr<redis::RedisSubscriber> subscriber_;
    std::string nodeId_;
    HubFanoutReceiver* receiver_ = nullptr;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> outbox_;
    std::size_t dropped_ = 0;  ///< since the outbox was last below its limit
    bool running_ = false;  ///< started: messages are taken
    bool stopping_ = false;
    std::thread sender_;
};

}  // namespace ocomms::realtime
