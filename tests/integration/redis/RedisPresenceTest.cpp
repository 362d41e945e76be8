// Two (or three) RedisPresence nodes in one process against the test Redis. Each test has its own key
// prefix and channel, so that tests running in parallel never see each other's nodes. User ids are
// random and all 13 digits long, so that "#<id>" in a node's debug log names one user.
#include "realtime/presence/RedisPresence.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "redis/RedisSubscriber.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ErrorMessage.hpp"
#include "support/RedisTestTools.hpp"
#include "support/TcpProxy.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::realtime {
namespace {

using namespace std::chrono_literals;
using redis::RedisClient;
using redis::RedisUrl;

constexpr auto kWait = 20s;  // generous: the machine may be busy

RedisUrl testServer() { return redis::parseRedisUrl(test::redisUrl()); }

std::int64_t randomUserId() {
    static std::mt19937_64 random{std::random_device{}()};
    return static_cast<std::int64_t>(random() % 1'000'000'000'000ULL) + 1'000'000'000'000LL;
}

std::string randomNode(const std::string& name) { return "test-" + name + "-" + std::to_string(randomUserId()); }

/// What one node's handlers were told, with waits.
class ChangeLog {
public:
    PresenceHandler handler() {
        return [this](std::int64_t userId, PresenceStatus status) {
            const std::lock_guard lock(mutex_);
            changes_[userId].push_back(status);
            changed_.notify_all();
        };
    }
    /// Whether the last status the handlers were told for the user becomes `status` in time.
    bool waitFor(std::int64_t userId, PresenceStatus status, std::chrono::milliseconds timeout = kWait) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] {
            const auto& seen = changes_[userId];
            return !seen.empty() && seen.back() == status;
        });
    }
    std::vector<PresenceStatus> of(std::int64_t userId) {
        const std::lock_guard lock(mutex_);
        return changes_[userId];
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::int64_t, std::vector<PresenceStatus>> changes_;
};

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = kWait) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

struct Node {
    Node(const RedisUrl& url, const std::string& name, std::chrono::milliseconds ttl, const std::string& prefix)
        : presence(url, randomNode(name), logger, ttl, prefix) {
        presence.onChange(log.handler());
    }
    /// Waits until this node has checked the user (it logs each check at debug level).
    bool checked(std::int64_t userId) { return logger.waitForLine("#" + std::to_string(userId), kWait).has_value(); }

    test::CapturingLogger logger;
    ChangeLog log;  ///< what this node's handlers were told
    RedisPresence presence;
};

class RedisPresenceTest : public ::testing::Test {
protected:
    std::unique_ptr<Node> startNode(const std::string& name, std::chrono::milliseconds ttl = RedisPresence::kDefaultTtl,
                                    const RedisUrl& url = testServer()) {
        auto node = std::make_unique<Node>(url, name, ttl, prefix);
        node->presence.addChangeHandler("test", nullptr, told.handler());
        node->presence.start();
        return node;
    }

    /// A key of this test's presence, e.g. key("nodes").
    std::string key(const std::string& name) const { return prefix + ":" + name; }
    std::string entryKey(std::int64_t userId, const Node& node) const {
        return key("user:" + std::to_string(userId) + ":node:" + node.presence.node());
    }
    /// Waits until the node's entry for the user in Redis is `value` (nothing: removed).
    bool entryBecomes(std::int64_t userId, const Node& node, const std::optional<std::string>& value) {
        return eventually([&] {
            const redis::RedisReply entry = redis.command({"GET", entryKey(userId, node)});
            return value ? entry.text == *value : entry.isNil();
        });
    }

    const std::string prefix = test::uniqueRedisPrefix() + "presence";
    RedisClient redis{testServer(), 2s};
    ChangeLog told;  ///< what the handlers of every node were told, together
    std::int64_t user = randomUserId();
};

TEST_F(RedisPresenceTest, UserOnlineOnOneNodeIsOnlineOnTheOther) {
    auto a = startNode("a");
    auto b = startNode("b");
    a->presence.connected(1, user);
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Online);  // this node's own connections at once
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    EXPECT_EQ(b->presence.status(user), PresenceStatus::Online);
    EXPECT_EQ(b->presence.statuses({randomUserId(), user}),
              (std::vector<PresenceStatus>{PresenceStatus::Offline, PresenceStatus::Online}));
}

TEST_F(RedisPresenceTest, EachChangeIsToldOnceAcrossTheNodes) {
    auto a = startNode("a");
    auto b = startNode("b");
    a->presence.connected(1, user);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    ASSERT_TRUE(b->checked(user));  // b saw a's announcement too, and left the telling to a
    b->presence.connected(2, user);  // online already: no change
    ASSERT_TRUE(entryBecomes(user, *b, "online"));
    a->presence.disconnected(1);  // still online on b: no change
    ASSERT_TRUE(entryBecomes(user, *a, std::nullopt));
    // Markers announced after those changes: once each node checked the other's, it had checked `user`.
    const std::int64_t fromA = randomUserId();
    const std::int64_t fromB = randomUserId();
    a->presence.connected(3, fromA);
    b->presence.connected(4, fromB);
    ASSERT_TRUE(b->checked(fromA));
    ASSERT_TRUE(a->checked(fromB));
    EXPECT_EQ(told.of(user), std::vector<PresenceStatus>{PresenceStatus::Online});
    b->presence.disconnected(2);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Offline));
    EXPECT_EQ(told.of(user), (std::vector<PresenceStatus>{PresenceStatus::Online, PresenceStatus::Offline}));
    EXPECT_EQ(told.of(fromA), std::vector<PresenceStatus>{PresenceStatus::Online});
    EXPECT_EQ(told.of(fromB), std::vector<PresenceStatus>{PresenceStatus::Online});
}

TEST_F(RedisPresenceTest, UserIsAwayWhenEveryConnectionOnEveryNodeIsAway) {
    auto a = startNode("a");
    auto b = startNode("b");
    a->presence.connected(1, user);
    b->presence.connected(2, user);
    ASSERT_TRUE(entryBecomes(user, *b, "online"));
    a->presence.setAway(1, true);
    ASSERT_TRUE(entryBecomes(user, *a, "away"));
    EXPECT_EQ(b->presence.status(user), PresenceStatus::Online);  // b's connection is active
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Online);
    b->presence.setAway(2, true);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Away));
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Away);
    a->presence.setAway(1, false);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    EXPECT_EQ(told.of(user),
              (std::vector<PresenceStatus>{PresenceStatus::Online, PresenceStatus::Away, PresenceStatus::Online}));
}

TEST_F(RedisPresenceTest, LastDisconnectTakesTheUserOfflineOnEveryNode) {
    auto a = startNode("a");
    auto b = startNode("b");
    a->presence.connected(1, user);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    a->presence.disconnected(1);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Offline));
    EXPECT_EQ(b->presence.status(user), PresenceStatus::Offline);
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Offline);
    EXPECT_EQ(told.of(user), (std::vector<PresenceStatus>{PresenceStatus::Online, PresenceStatus::Offline}));
    EXPECT_EQ(redis.command({"EXISTS", key("user:" + std::to_string(user) + ":nodes")}).integer, 0);
}

TEST_F(RedisPresenceTest, CleanStopTakesTheNodesUsersOfflineWithoutWaitingForTheTtl) {
    auto a = startNode("a", 120s);
    auto b = startNode("b", 120s);
    b->presence.connected(1, user);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    const std::string bNode = b->presence.node();
    b->presence.stop();
    // Told by a, the node left, and far sooner than the 120 s TTL: stop() removed b's entries.
    EXPECT_TRUE(a->log.waitFor(user, PresenceStatus::Offline, 20s));
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Offline);
    EXPECT_TRUE(redis.command({"ZSCORE", key("nodes"), bNode}).isNil());
}

TEST_F(RedisPresenceTest, UserConnectedToTwoNodesStaysOnlineWhenOneStops) {
    auto a = startNode("a");
    auto b = startNode("b");
    a->presence.connected(1, user);
    b->presence.connected(2, user);
    const std::int64_t onlyOnB = randomUserId();
    b->presence.connected(3, onlyOnB);
    ASSERT_TRUE(entryBecomes(user, *b, "online"));
    ASSERT_TRUE(told.waitFor(onlyOnB, PresenceStatus::Online));
    b->presence.stop();
    ASSERT_TRUE(a->log.waitFor(onlyOnB, PresenceStatus::Offline));  // b's announcements were handled
    EXPECT_EQ(told.of(user), std::vector<PresenceStatus>{PresenceStatus::Online});
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Online);
}

TEST_F(RedisPresenceTest, LastNodeToStopRecordsItsUsersOffline) {
    auto a = startNode("a");
    a->presence.connected(1, user);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    a->presence.stop();
    EXPECT_EQ(redis.command({"EXISTS", key("user:" + std::to_string(user) + ":status")}).integer, 0);
    auto next = startNode("next");
    next->presence.connected(2, user);
    EXPECT_TRUE(next->log.waitFor(user, PresenceStatus::Online));  // a change again, so told again
}

TEST_F(RedisPresenceTest, NodeThatDiesIsReapedAndItsUsersGoOffline) {
    constexpr auto kTtl = 600ms;
    auto a = startNode("a", kTtl);
    auto b = startNode("b", kTtl);
    b->presence.connected(1, user);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    const std::string bNode = b->presence.node();
    b->presence.abandonForTest();  // no more heartbeats, nothing removed
    EXPECT_TRUE(a->log.waitFor(user, PresenceStatus::Offline));
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Offline);
    EXPECT_TRUE(redis.command({"ZSCORE", key("nodes"), bNode}).isNil());
    EXPECT_EQ(redis.command({"SISMEMBER", key("user:" + std::to_string(user) + ":nodes"), bNode}).integer, 0);
    EXPECT_EQ(redis.command({"EXISTS", key("node:" + bNode + ":users")}).integer, 0);
    EXPECT_TRUE(a->logger.contains("node '" + bNode + "' missed its heartbeats"));
}

TEST_F(RedisPresenceTest, NodeDeclaredDeadWhileAliveAnnouncesItsUsersAgain) {
    auto a = startNode("a", 900ms);
    auto b = startNode("b", 900ms);
    b->presence.connected(1, user);
    ASSERT_TRUE(told.waitFor(user, PresenceStatus::Online));
    // What a reaper does to a node it found late.
    const std::string bNode = b->presence.node();
    ASSERT_EQ(redis.command({"ZREM", key("nodes"), bNode}).integer, 1);
    redis.command({"SREM", key("user:" + std::to_string(user) + ":nodes"), bNode});
    EXPECT_TRUE(b->logger.waitForLine("declared dead", kWait).has_value());
    EXPECT_TRUE(eventually([&] { return a->presence.status(user) == PresenceStatus::Online; }));
    EXPECT_FALSE(redis.command({"ZSCORE", key("nodes"), bNode}).isNil());
}

TEST_F(RedisPresenceTest, StartFailsWhenRedisCannotBeReached) {
    test::CapturingLogger logger;
    RedisPresence presence(redis::parseRedisUrl("redis://127.0.0.1:1"), randomNode("a"), logger, 1s, prefix);
    const std::string message = test::errorMessageOf<redis::RedisError>([&] { presence.start(); });
    EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
}

TEST_F(RedisPresenceTest, NodeKeepsWorkingThroughARedisOutageAndResynchronisesAfter) {
    const RedisUrl real = testServer();
    test::TcpProxy proxy(real.host, static_cast<std::uint16_t>(real.port));
    RedisUrl viaProxy = real;
    viaProxy.port = proxy.port();
    auto a = startNode("a", 1500ms, viaProxy);
    auto b = startNode("b");
    const std::int64_t before = randomUserId();
    a->presence.connected(1, before);
    ASSERT_TRUE(told.waitFor(before, PresenceStatus::Online));

    proxy.cut();
    EXPECT_NO_THROW(a->presence.connected(2, user));
    EXPECT_NO_THROW(a->presence.disconnected(1));
    // Only a's background thread talks to Redis here: it failed to write these changes.
    ASSERT_TRUE(a->logger.waitForLine("Redis cannot be reached", kWait).has_value());
    EXPECT_EQ(a->presence.status(user), PresenceStatus::Online);  // from this node's connections

    proxy.restore();
    EXPECT_TRUE(told.waitFor(user, PresenceStatus::Online));
    EXPECT_TRUE(told.waitFor(before, PresenceStatus::Offline));
    EXPECT_EQ(b->presence.status(user), PresenceStatus::Online);
    EXPECT_TRUE(a->logger.waitForLine("reachable again", kWait).has_value());
    const auto lines = a->logger.lines();
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                            [](const std::string& line) { return line.find("Redis cannot be reached") != std::string::npos; }),
              1);
}

}  // namespace
}  // namespace ocomms::realtime
