#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "redis/RedisClient.hpp"
#include "redis/RedisSubscriber.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ErrorMessage.hpp"
#include "support/RedisTestTools.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::redis {
namespace {

using namespace std::chrono_literals;

/// What a subscriber heard, waited on from the test thread.
class Inbox {
public:
    void message(const std::string& channel, const std::string& payload) {
        std::lock_guard lock(mutex_);
        messages_.emplace_back(channel, payload);
        changed_.notify_all();
    }
    void subscribed(bool afterGap) {
        std::lock_guard lock(mutex_);
        subscriptions_.push_back(afterGap);
        changed_.notify_all();
    }
    bool waitForMessages(std::size_t count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 10s, [&] { return messages_.size() >= count; });
    }
    bool waitForSubscriptions(std::size_t count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 20s, [&] { return subscriptions_.size() >= count; });
    }
    std::vector<std::pair<std::string, std::string>> messages() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    std::vector<bool> subscriptions() const {
        std::lock_guard lock(mutex_);
        return subscriptions_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::pair<std::string, std::string>> messages_;
    std::vector<bool> subscriptions_;
};

class RedisSubscriberTest : public ::testing::Test {
protected:
    RedisSubscriber makeSubscriber(std::vector<std::string> channels) {
        return RedisSubscriber(
            parseRedisUrl(test::redisUrl()), std::move(channels),
            [this](const std::string& channel, const std::string& payload) { inbox.message(channel, payload); },
            [this](bool afterGap) { inbox.subscribed(afterGap); }, logger);
    }
    void publish(const std::string& channel, const std::string& payload) {
        publisher.command({"PUBLISH", channel, payload});
    }

    const std::string prefix = test::uniqueRedisPrefix();
    RedisClient publisher{parseRedisUrl(test::redisUrl()), 2s};
    test::CapturingLogger logger;
    Inbox inbox;
};

TEST_F(RedisSubscriberTest, DeliversMessagesOfEverySubscribedChannelOnly) {
    auto subscriber = makeSubscriber({prefix + "a", prefix + "b"});
    subscriber.start(2s);
    publish(prefix + "a", "one");
    publish(prefix + "other", "not for us");
    publish(prefix + "b", std::string("two\0bytes", 9));
    ASSERT_TRUE(inbox.waitForMessages(2));
    subscriber.stop();
    const auto messages = inbox.messages();
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0], std::make_pair(prefix + "a", std::string("one")));
    EXPECT_EQ(messages[1], std::make_pair(prefix + "b", std::string("two\0bytes", 9)));
    EXPECT_EQ(inbox.subscriptions(), std::vector<bool>{false});
}

TEST_F(RedisSubscriberTest, StartFailsNamingTheEndpointWhenRedisIsUnreachable) {
    RedisSubscriber subscriber(parseRedisUrl("redis://127.0.0.1:1"), {prefix + "a"},
                               [](const std::string&, const std::string&) {}, [](bool) {}, logger);
    const std::string message = test::errorMessageOf<RedisError>([&] { subscriber.start(1s); });
    EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
}

TEST_F(RedisSubscriberTest, ResubscribesAfterTheConnectionIsKilledAndReportsTheGap) {
    auto subscriber = makeSubscriber({prefix + "a"});
    subscriber.start(2s);
    ASSERT_EQ(test::killRedisClientsNamed(subscriberClientName(prefix + "a")), 1);
    ASSERT_TRUE(inbox.waitForSubscriptions(2));
    EXPECT_EQ(inbox.subscriptions(), (std::vector<bool>{false, true}));
    publish(prefix + "a", "after the gap");
    ASSERT_TRUE(inbox.waitForMessages(1));
    EXPECT_EQ(inbox.messages().front().second, "after the gap");
    EXPECT_TRUE(logger.contains("redis subscription to"));
}

TEST_F(RedisSubscriberTest, StopEndsTheSubscriptionAndIsIdempotent) {
    auto subscriber = makeSubscriber({prefix + "a"});
    subscriber.start(2s);
    subscriber.stop();
    subscriber.stop();
    EXPECT_EQ(publisher.command({"PUBLISH", prefix + "a", "nobody listens"}).integer, 0);
}

}  // namespace
}  // namespace ocomms::redis
