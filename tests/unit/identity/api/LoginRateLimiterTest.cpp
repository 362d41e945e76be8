#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "identity/api/LoginRateLimiter.hpp"
#include "identity/api/SlidingWindowLog.hpp"

namespace ocomms::identity {
namespace {

using namespace std::chrono_literals;
using TimePoint = std::chrono::steady_clock::time_point;

/// Time that moves only when the test says so.
struct ManualClock {
    TimePoint now{std::chrono::hours(1000)};
    LoginRateLimiter::Clock function() {
        return [this] { return now; };
    }
};

class LoginRateLimiterTest : public ::testing::Test {
protected:
    LoginRateLimiterTest() : limiter_(LoginLimits{10, 10, 60s}, clock_.function()) {}

    void fail(int times, const std::string& email, const std::string& address) {
        for (int i = 0; i < times; ++i) limiter_.recordFailure(email, address);
    }

    ManualClock clock_;
    LoginRateLimiter limiter_;
};

TEST_F(LoginRateLimiterTest, TenFailuresAllowedTheEleventhAttemptRefused) {
    fail(9, "ann@example.com", "10.0.0.1");
    EXPECT_FALSE(limiter_.retryAfter("ann@example.com", "10.0.0.1").has_value());
    fail(1, "ann@example.com", "10.0.0.1");
    EXPECT_TRUE(limiter_.retryAfter("ann@example.com", "10.0.0.1").has_value());
}

TEST_F(LoginRateLimiterTest, RetryAfterIsTheTimeUntilTheOldestFailureLeavesTheWindow) {
    for (int i = 0; i < 10; ++i) {
        fail(1, "ann@example.com", "10.0.0.1");
        clock_.now += 1s;
    }
    // Failures at 0..9 s, now is 10 s: the one at 0 s leaves the window at 60 s.
    EXPECT_EQ(limiter_.retryAfter("ann@example.com", "10.0.0.1"), 50s);
    clock_.now += 49500ms;
    EXPECT_EQ(limiter_.retryAfter("ann@example.com", "10.0.0.1"), 1s);  // rounded up, never 0
}

TEST_F(LoginRateLimiterTest, AttemptsResumeWhenTheWindowHasPassed) {
    fail(10, "ann@example.com", "10.0.0.1");
    clock_.now += 59s;
    EXPECT_TRUE(limiter_.retryAfter("ann@example.com", "10.0.0.1").has_value());
    clock_.now += 1s;
    EXPECT_FALSE(limiter_.retryAfter("ann@example.com", "10.0.0.1").has_value());
}

TEST_F(LoginRateLimiterTest, WindowSlidesRatherThanResetting) {
    fail(5, "ann@example.com", "10.0.0.1");
    clock_.now += 30s;
    fail(5, "ann@example.com", "10.0.0.1");
    clock_.now += 31s;  // the first five have left the window, the last five have not
    EXPECT_FALSE(limiter_.retryAfter("ann@example.com", "10.0.0.1").has_value());
    fail(5, "ann@example.com", "10.0.0.1");
    EXPECT_EQ(limiter_.retryAfter("ann@example.com", "10.0.0.1"), 29s);
}

TEST_F(LoginRateLimiterTest, AccountIsLimitedAcrossAddresses) {
    for (int i = 0; i < 10; ++i) fail(1, "ann@example.com", "10.0.0." + std::to_string(i));
    EXPECT_TRUE(limiter_.retryAfter("ann@example.com", "10.9.9.9").has_value());
    EXPECT_FALSE(limiter_.retryAfter("bob@example.com", "10.9.9.9").has_value());
}

TEST_F(LoginRateLimiterTest, AddressIsLimitedAcrossAccounts) {
    for (int i = 0; i < 10; ++i) fail(1, "user" + std::to_string(i) + "@example.com", "10.0.0.1");
    EXPECT_TRUE(limiter_.retryAfter("someone-else@example.com", "10.0.0.1").has_value());
    EXPECT_FALSE(limiter_.retryAfter("someone-else@example.com", "10.0.0.2").has_value());
}

TEST_F(LoginRateLimiterTest, AccountIgnoresCaseAndSurroundingSpace) {
    fail(10, "Ann@Example.COM", "10.0.0.1");
    EXPECT_TRUE(limiter_.retryAfter(" ann@example.com ", "10.0.0.2").has_value());
}

TEST_F(LoginRateLimiterTest, SuccessClearsTheAccountButNotTheAddress) {
    fail(10, "ann@example.com", "10.0.0.1");
    limiter_.recordSuccess("ann@example.com");
    EXPECT_FALSE(limiter_.retryAfter("ann@example.com", "10.0.0.2").has_value());
    EXPECT_TRUE(limiter_.retryAfter("ann@example.com", "10.0.0.1").has_value());
}

TEST_F(LoginRateLimiterTest, SeparateLimitsPerAccountAndPerAddress) {
    LoginRateLimiter limiter(LoginLimits{3, 5, 60s}, clock_.function());
    for (int i = 0; i < 3; ++i) limiter.recordFailure("ann@example.com", "10.0.0." + std::to_string(i));
    EXPECT_TRUE(limiter.retryAfter("ann@example.com", "10.1.1.1").has_value());
    for (int i = 0; i < 4; ++i) limiter.recordFailure("u" + std::to_string(i) + "@example.com", "10.2.2.2");
    EXPECT_FALSE(limiter.retryAfter("new@example.com", "10.2.2.2").has_value());
    limiter.recordFailure("u4@example.com", "10.2.2.2");
    EXPECT_TRUE(limiter.retryAfter("new@example.com", "10.2.2.2").has_value());
}

TEST_F(LoginRateLimiterTest, ConcurrentFailuresAreAllCounted) {
    LoginRateLimiter limiter(LoginLimits{400, 400, 60s}, clock_.function());
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&limiter] {
            for (int i = 0; i < 50; ++i) limiter.recordFailure("ann@example.com", "10.0.0.1");
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_TRUE(limiter.retryAfter("ann@example.com", "10.0.0.9").has_value());
    EXPECT_TRUE(limiter.retryAfter("bob@example.com", "10.0.0.1").has_value());
}

TEST(SlidingWindowLog, KeysAreCappedWhenAllAreLive) {
    api::SlidingWindowLog log(10, 60s, 100);
    const TimePoint now{std::chrono::hours(1)};
    for (int i = 0; i < 1000; ++i) log.record("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256), now);
    EXPECT_LE(log.keyCount(), 100u);
}

TEST(SlidingWindowLog, ExpiredKeysMakeRoomBeforeLiveOnes) {
    api::SlidingWindowLog log(2, 60s, 3);
    TimePoint now{std::chrono::hours(1)};
    log.record("old-1", now);
    log.record("old-2", now);
    now += 30s;
    log.record("live", now);
    log.record("live", now);
    now += 31s;  // old-1 and old-2 have left the window; "live" has not
    log.record("new-1", now);
    log.record("new-2", now);
    EXPECT_EQ(log.keyCount(), 3u);
    EXPECT_TRUE(log.retryAfter("live", now).has_value());
}

TEST(SlidingWindowLog, QuietestLiveKeyIsDroppedWhenFull) {
    api::SlidingWindowLog log(1, 60s, 2);
    TimePoint now{std::chrono::hours(1)};
    log.record("first", now);
    now += 1s;
    log.record("second", now);
    now += 1s;
    log.record("third", now);
    EXPECT_EQ(log.keyCount(), 2u);
    EXPECT_FALSE(log.retryAfter("first", now).has_value());
    EXPECT_TRUE(log.retryAfter("second", now).has_value());
    EXPECT_TRUE(log.retryAfter("third", now).has_value());
}

}  // namespace
}  // namespace ocomms::identity
