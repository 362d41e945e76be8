#include "realtime/hub/RedisHubFanout.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

#include "realtime/hub/FanoutMessage.hpp"

namespace ocomms::realtime {
namespace {

constexpr std::size_t kMaxBatch = 512;
constexpr std::chrono::milliseconds kFirstRetryDelay{100};
constexpr std::chrono::milliseconds kMaxRetryDelay{5000};

}  // namespace

RedisHubFanout::RedisHubFanout(redis::RedisUrl url, std::chrono::milliseconds timeout, Logger& logger,
                               std::string channel)
    : timeout_(timeout), channel_(std::move(channel)), logger_(logger), client_(std::move(url), timeout) {}

RedisHubFanout::~RedisHubFanout() {
    stop();
}

void RedisHubFanout::start(const std::string& nodeId, HubFanoutReceiver& receiver) {
    if (subscriber_) throw std::logic_error("realtime: the Redis fan-out was already started");
    nodeId_ = nodeId;
    receiver_ = &receiver;
    subscriber_ = std::make_unique<redis::RedisSubscriber>(
        client_.url(), std::vector<std::string>{channel_},
        [this](const std::string&, const std::string& payload) { onMessage(payload); },
        [this](bool afterGap) {
            if (afterGap) receiver_->fanoutGap();
        },
        logger_);
    subscriber_->start(timeout_);
    {
        std::lock_guard lock(mutex_);
        running_ = true;
    }
    sender_ = std::thread([this] { runSender(); });
}

void RedisHubFanout::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_all();
    if (sender_.joinable()) sender_.join();
    if (subscriber_) subscriber_->stop();
}

void RedisHubFanout::publish(const std::string& topic, std::string_view eventJson, std::int64_t sequence) {
    enqueue(encodePublish(nodeId_, topic, eventJson, sequence));
}

void RedisHubFanout::unsubscribeUser(std::int64_t userId, const std::string& topic) {
    enqueue(encodeUnsubscribeUser(nodeId_, userId, topic));
}

void RedisHubFanout::closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) {
    enqueue(encodeCloseUser(nodeId_, userId, code, reason));
}

void RedisHubFanout::enqueue(std::string payload) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || !running_) return;
        if (outbox_.size() >= kMaxWaiting) {
            // The other nodes miss this. Redis is unreachable or far behind; when it was lost, their
            // subscriptions report a gap and their clients resume from the database.
            if (dropped_++ == 0) {
                logger_.error("realtime: " + std::to_string(kMaxWaiting) +
                              " messages wait for Redis; dropping messages for the other nodes");
            }
            return;
        }
        dropped_ = 0;
        outbox_.push_back(std::move(payload));
    }
    wake_.notify_one();
}

void RedisHubFanout::onMessage(const std::string& payload) {
    const auto message = decodeFanoutMessage(payload);
    if (!message) {
        logger_.warn("realtime: ignored a message on " + channel_ + " that is not a hub message");
        return;
    }
    if (message->node == nodeId_) return;
    switch (message->kind) {
        case FanoutMessage::Kind::Publish:
            receiver_->remotePublish(message->topic, message->eventJson, message->sequence);
            break;
        case FanoutMessage::Kind::UnsubscribeUser: receiver_->remoteUnsubscribeUser(message->userId, message->topic); break;
        case FanoutMessage::Kind::CloseUser:
            receiver_->remoteCloseUser(message->userId, message->code, message->reason);
            break;
    }
}

void RedisHubFanout::runSender() {
    std::vector<std::string> batch;
    std::chrono::milliseconds retryDelay{0};
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return !outbox_.empty() || stopping_; });
        if (outbox_.empty()) return;  // stopping, and everything was sent
        const auto count = std::min(outbox_.size(), kMaxBatch);
        batch.assign(std::make_move_iterator(outbox_.begin()),
                     std::make_move_iterator(outbox_.begin() + static_cast<std::ptrdiff_t>(count)));
        outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(count));
        lock.unlock();
        const bool sent = [&] {
            try {
                sendBatch(batch);
                return true;
            } catch (const std::exception& error) {
                logger_.warn("realtime: " + std::to_string(batch.size()) +
                             " message(s) for the other nodes were lost: " + error.what());
                return false;
            }
        }();
        lock.lock();
        if (!sent && stopping_) return;  // Redis is gone: the rest would fail the same way, each after a timeout
        // Backs off while Redis is down rather than spinning through the outbox; a stop ends the wait.
        retryDelay = sent ? std::chrono::milliseconds(0)
                          : std::clamp(retryDelay * 2, kFirstRetryDelay, kMaxRetryDelay);
        if (retryDelay.count() > 0) wake_.wait_for(lock, retryDelay, [&] { return stopping_; });
    }
}

void RedisHubFanout::sendBatch(const std::vector<std::string>& payloads) {
    std::vector<std::vector<std::string>> commands;
    commands.reserve(payloads.size());
    for (const auto& payload : payloads) commands.push_back({"PUBLISH", channel_, payload});
    client_.pipeline(commands);
}

}  // namespace ocomms::realtime
