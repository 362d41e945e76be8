#include "realtime/presence/LocalPresence.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/CapturingLogger.hpp"

namespace ocomms::realtime {
namespace {

using Change = std::pair<std::int64_t, PresenceStatus>;

/// Records the changes a handler is told of.
class ChangeLog {
public:
    PresenceHandler handler() {
        return [this](std::int64_t userId, PresenceStatus status) {
            const std::lock_guard lock(mutex_);
            changes_.emplace_back(userId, status);
        };
    }
    std::vector<Change> changes() const {
        const std::lock_guard lock(mutex_);
        return changes_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Change> changes_;
};

class LocalPresenceTest : public ::testing::Test {
protected:
    LocalPresenceTest() { presence.onChange(log.handler()); }

    test::CapturingLogger logger;
    LocalPresence presence{logger};
    ChangeLog log;
};

TEST_F(LocalPresenceTest, UserWithoutConnectionsIsOffline) {
    EXPECT_EQ(presence.status(7), PresenceStatus::Offline);
    EXPECT_TRUE(log.changes().empty());
}

TEST_F(LocalPresenceTest, UserIsOnlineWhileAConnectionIsOpen) {
    presence.connected(1, 7);
    EXPECT_EQ(presence.status(7), PresenceStatus::Online);
    presence.disconnected(1);
    EXPECT_EQ(presence.status(7), PresenceStatus::Offline);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online}, {7, PresenceStatus::Offline}}));
}

TEST_F(LocalPresenceTest, UserStaysOnlineUntilTheLastConnectionCloses) {
    presence.connected(1, 7);
    presence.connected(2, 7);
    presence.disconnected(1);
    EXPECT_EQ(presence.status(7), PresenceStatus::Online);
    presence.disconnected(2);
    EXPECT_EQ(presence.status(7), PresenceStatus::Offline);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online}, {7, PresenceStatus::Offline}}));
}

TEST_F(LocalPresenceTest, UserIsAwayOnlyWhenEveryConnectionIsAway) {
    presence.connected(1, 7);
    presence.connected(2, 7);
    presence.setAway(1, true);
    EXPECT_EQ(presence.status(7), PresenceStatus::Online);
    presence.setAway(2, true);
    EXPECT_EQ(presence.status(7), PresenceStatus::Away);
    presence.setAway(1, false);
    EXPECT_EQ(presence.status(7), PresenceStatus::Online);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online},
                                                  {7, PresenceStatus::Away},
                                                  {7, PresenceStatus::Online}}));
}

TEST_F(LocalPresenceTest, ClosingTheLastActiveConnectionLeavesTheUserAway) {
    presence.connected(1, 7);
    presence.connected(2, 7);
    presence.setAway(1, true);
    presence.disconnected(2);
    EXPECT_EQ(presence.status(7), PresenceStatus::Away);
    presence.disconnected(1);
    EXPECT_EQ(presence.status(7), PresenceStatus::Offline);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online},
                                                  {7, PresenceStatus::Away},
                                                  {7, PresenceStatus::Offline}}));
}

TEST_F(LocalPresenceTest, HandlersAreNotToldWhenTheStatusStaysTheSame) {
    presence.connected(1, 7);
    presence.setAway(1, false);  // was not away
    presence.connected(2, 7);
    presence.setAway(2, true);   // connection 1 still active
    presence.setAway(2, true);
    presence.disconnected(2);
    presence.disconnected(99);   // unknown connection
    presence.setAway(99, true);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online}}));
}

TEST_F(LocalPresenceTest, UsersAreTrackedIndependently) {
    presence.connected(1, 7);
    presence.connected(2, 8);
    presence.setAway(2, true);
    EXPECT_EQ(presence.statuses({7, 8, 9}),
              (std::vector<PresenceStatus>{PresenceStatus::Online, PresenceStatus::Away, PresenceStatus::Offline}));
}

TEST_F(LocalPresenceTest, AwayCountsForTheConnectionThatSaidSoOnly) {
    presence.connected(1, 7);
    presence.setAway(1, true);
    presence.connected(2, 7);  // a new tab is active
    EXPECT_EQ(presence.status(7), PresenceStatus::Online);
}

TEST_F(LocalPresenceTest, ConnectionReportedAgainForAnotherUserMovesToThatUser) {
    presence.connected(1, 7);
    presence.connected(1, 8);
    EXPECT_EQ(presence.status(7), PresenceStatus::Offline);
    EXPECT_EQ(presence.status(8), PresenceStatus::Online);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online},
                                                  {7, PresenceStatus::Offline},
                                                  {8, PresenceStatus::Online}}));
}

TEST_F(LocalPresenceTest, ConnectionReportedTwiceForTheSameUserChangesNothing) {
    presence.connected(1, 7);
    presence.connected(1, 7);
    EXPECT_EQ(presence.status(7), PresenceStatus::Online);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online}}));
    presence.disconnected(1);
    EXPECT_EQ(presence.status(7), PresenceStatus::Offline);
}

TEST_F(LocalPresenceTest, RemovingAnOwnerRemovesOnlyItsHandlers) {
    ChangeLog pluginLog;
    ChangeLog otherLog;
    presence.addChangeHandler("chat", nullptr, pluginLog.handler());
    presence.addChangeHandler("other", nullptr, otherLog.handler());
    presence.connected(1, 7);
    presence.removeOwner("chat");
    presence.disconnected(1);
    EXPECT_EQ(pluginLog.changes(), (std::vector<Change>{{7, PresenceStatus::Online}}));
    EXPECT_EQ(otherLog.changes(), (std::vector<Change>{{7, PresenceStatus::Online}, {7, PresenceStatus::Offline}}));
    EXPECT_EQ(log.changes().size(), 2u);
}

TEST_F(LocalPresenceTest, RemovingAnOwnerReleasesWhatKeepsItsLibraryLoaded) {
    auto keepAlive = std::make_shared<int>(0);
    presence.addChangeHandler("chat", keepAlive, [](std::int64_t, PresenceStatus) {});
    EXPECT_EQ(keepAlive.use_count(), 2);
    presence.removeOwner("chat");
    EXPECT_EQ(keepAlive.use_count(), 1);
}

TEST_F(LocalPresenceTest, HandlerThatThrowsIsLoggedAndOthersStillRun) {
    presence.addChangeHandler("broken", nullptr, [](std::int64_t, PresenceStatus) { throw std::runtime_error("boom"); });
    ChangeLog after;
    presence.addChangeHandler("after", nullptr, after.handler());
    EXPECT_NO_THROW(presence.connected(1, 7));
    EXPECT_EQ(after.changes(), (std::vector<Change>{{7, PresenceStatus::Online}}));
    const auto line = logger.waitForLine("broken");
    ASSERT_TRUE(line.has_value());
    EXPECT_NE(line->message.find("boom"), std::string::npos);
}

TEST_F(LocalPresenceTest, HandlerMayQueryPresenceWithoutDeadlock) {
    std::vector<PresenceStatus> seen;
    presence.addChangeHandler("query", nullptr, [&](std::int64_t userId, PresenceStatus) {
        seen.push_back(presence.status(userId));
    });
    presence.connected(1, 7);
    EXPECT_EQ(seen, std::vector<PresenceStatus>{PresenceStatus::Online});
}

TEST_F(LocalPresenceTest, ChangeCausedByAHandlerIsDeliveredAfterTheOneBeingHandled) {
    presence.addChangeHandler("chain", nullptr, [&](std::int64_t userId, PresenceStatus status) {
        if (userId == 7 && status == PresenceStatus::Online) presence.connected(2, 8);
    });
    presence.connected(1, 7);
    EXPECT_EQ(log.changes(), (std::vector<Change>{{7, PresenceStatus::Online}, {8, PresenceStatus::Online}}));
}

TEST_F(LocalPresenceTest, ConcurrentConnectionsEndWithEveryUserOfflineAndBalancedChanges) {
    constexpr int kThreads = 4;
    constexpr int kRounds = 500;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < kRounds; ++round) {
                const auto connection = static_cast<ConnectionId>(t * kRounds + round + 1);
                presence.connected(connection, round % 3);
                presence.setAway(connection, round % 2 == 0);
                presence.disconnected(connection);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (std::int64_t userId = 0; userId < 3; ++userId) {
        EXPECT_EQ(presence.status(userId), PresenceStatus::Offline);
        // Delivered in the order the changes happened: each user's last reported status is offline, and
        // no two reports in a row repeat a status.
        PresenceStatus last = PresenceStatus::Offline;
        for (const auto& [user, status] : log.changes()) {
            if (user != userId) continue;
            EXPECT_NE(status, last);
            last = status;
        }
        EXPECT_EQ(last, PresenceStatus::Offline);
    }
}

}  // namespace
}  // namespace ocomms::realtime
