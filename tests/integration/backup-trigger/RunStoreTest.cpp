// backup_runs on each backend: one running backup at a time across nodes, held by a lock and by the
// database's own unique index; dead runs recognised by their heartbeat; each schedule slot run once, even
// by many nodes claiming at the same moment.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "RunStore.hpp"
#include "db/ConnectionPool.hpp"
#include "db/Migrator.hpp"
#include "support/CapturingLogger.hpp"
#include "support/TestDatabases.hpp"

extern "C" const ocomms_migration_table ocomms_backup_trigger_migrations;

namespace ocomms::backup {
namespace {

using namespace std::chrono_literals;
using test::TestDatabase;

constexpr std::chrono::milliseconds kDeadAfter = 100s;
const ScheduleRule kEvery6h{std::chrono::milliseconds(6h), std::nullopt};

class RunStoreTest : public ::testing::TestWithParam<Dialect> {
protected:
    RunStoreTest()
        : database_(TestDatabase::create(GetParam())),
          pool_(db::parseDatabaseUrl(database_.url()), 8, 30s, logger_),
          store_(pool_, kDeadAfter) {
        pool_.open(10s);
        db::Migrator(pool_).apply(
            {{"core", &ocomms_core_migrations}, {"backup-trigger", &ocomms_backup_trigger_migrations}});
    }

    static BackupRun claimedRun(const ClaimOutcome& outcome) {
        const auto* claimed = std::get_if<Claimed>(&outcome);
        if (claimed == nullptr) throw std::runtime_error("the claim was refused");
        return claimed->run;
    }

    void finishOk(std::int64_t id, Clock::time_point at) {
        RunResult result;
        result.status = RunStatus::Ok;
        result.verified = true;
        store_.finish(id, result, at);
    }

    const Clock::time_point t0_ = Clock::now();
    TestDatabase database_;
    test::CapturingLogger logger_;
    db::ConnectionPool pool_;
    RunStore store_;
};

TEST_P(RunStoreTest, OnlyOneBackupRunsAtATime) {
    const auto first = claimedRun(store_.claimManual("node-a", 1, t0_));
    EXPECT_EQ(first.status, RunStatus::Running);
    const auto second = store_.claimManual("node-b", 2, t0_ + 1s);
    ASSERT_TRUE(std::holds_alternative<Busy>(second));
    EXPECT_EQ(std::get<Busy>(second).running.id, first.id);
    EXPECT_EQ(std::get<Busy>(second).running.node, "node-a");
}

TEST_P(RunStoreTest, AFinishedRunMakesRoomForTheNext) {
    const auto first = claimedRun(store_.claimManual("node-a", 1, t0_));
    finishOk(first.id, t0_ + 1s);
    const auto second = claimedRun(store_.claimManual("node-b", 1, t0_ + 2s));
    EXPECT_GT(second.id, first.id);
    EXPECT_EQ(store_.find(first.id)->status, RunStatus::Ok);
}

TEST_P(RunStoreTest, TheDatabaseItselfRefusesASecondRunningRow) {
    claimedRun(store_.claimManual("node-a", 1, t0_));
    auto session = pool_.session();
    EXPECT_THROW(
        *session << "INSERT INTO backup_runs (status, trigger_kind, node, started_at, started_ms, heartbeat_ms)"
                    " VALUES ('running', 'manual', 'rogue', 'x', 0, 0)",
        soci::soci_error);
}

TEST_P(RunStoreTest, ARunWhoseNodeStoppedBeatingIsRecordedFailedAndReplaced) {
    const auto dead = claimedRun(store_.claimManual("node-a", 1, t0_));
    const auto outcome = store_.claimManual("node-b", 2, t0_ + kDeadAfter + 1ms);
    ASSERT_TRUE(std::holds_alternative<Claimed>(outcome));
    const auto& claimed = std::get<Claimed>(outcome);
    ASSERT_EQ(claimed.abandoned.size(), 1U);
    EXPECT_EQ(claimed.abandoned.front().id, dead.id);
    const auto recorded = store_.find(dead.id);
    EXPECT_EQ(recorded->status, RunStatus::Failed);
    EXPECT_NE(recorded->error.value_or("").find("abandoned: node node-a stopped reporting progress"), std::string::npos)
        << recorded->error.value_or("");
    EXPECT_EQ(store_.find(claimed.run.id)->status, RunStatus::Running);
}

TEST_P(RunStoreTest, AHeartbeatKeepsALongRunAlive) {
    const auto run = claimedRun(store_.claimManual("node-a", 1, t0_));
    EXPECT_TRUE(store_.heartbeat(run.id, t0_ + 90s));
    EXPECT_TRUE(std::holds_alternative<Busy>(store_.claimManual("node-b", 2, t0_ + 150s)));
}

TEST_P(RunStoreTest, TheHeartbeatOfARunTakenForDeadSaysSo) {
    const auto run = claimedRun(store_.claimManual("node-a", 1, t0_));
    claimedRun(store_.claimManual("node-b", 2, t0_ + kDeadAfter + 1s));
    EXPECT_FALSE(store_.heartbeat(run.id, t0_ + kDeadAfter + 2s));
}

TEST_P(RunStoreTest, EachScheduleSlotRunsOnce) {
    const auto first = claimedRun(store_.claimScheduled("node-a", kEvery6h, t0_));
    ASSERT_TRUE(first.scheduledForMs.has_value());
    finishOk(first.id, t0_ + 1s);
    const auto again = store_.claimScheduled("node-b", kEvery6h, t0_ + 2s);
    ASSERT_TRUE(std::holds_alternative<NotDue>(again));
    EXPECT_EQ(std::get<NotDue>(again).next, Clock::time_point(std::chrono::milliseconds(*first.scheduledForMs)) + 6h);
    EXPECT_EQ(store_.nextScheduledSlot(kEvery6h, t0_ + 3s), std::get<NotDue>(again).next);
    const auto next = claimedRun(store_.claimScheduled("node-b", kEvery6h, t0_ + 6h + 1s));
    EXPECT_EQ(*next.scheduledForMs, *first.scheduledForMs + std::chrono::milliseconds(6h).count());
}

TEST_P(RunStoreTest, BackupsOnRequestDoNotMoveTheSchedule) {
    const auto scheduled = claimedRun(store_.claimScheduled("node-a", kEvery6h, t0_));
    finishOk(scheduled.id, t0_ + 1s);
    const auto manual = claimedRun(store_.claimManual("node-a", 1, t0_ + 5h));
    EXPECT_FALSE(manual.scheduledForMs.has_value());
    finishOk(manual.id, t0_ + 5h + 1s);
    EXPECT_TRUE(std::holds_alternative<Claimed>(store_.claimScheduled("node-b", kEvery6h, t0_ + 6h + 1s)));
}

TEST_P(RunStoreTest, ManyNodesClaimingTheSameSlotAtOnceRunItOnce) {
    constexpr int kNodes = 8;
    std::barrier start(kNodes);
    std::atomic<int> claimedCount{0};
    std::vector<std::thread> nodes;
    for (int i = 0; i < kNodes; ++i) {
        nodes.emplace_back([&, i] {
            start.arrive_and_wait();
            const auto outcome =
                store_.claimScheduled("node-" + std::to_string(i), kEvery6h, t0_ + std::chrono::milliseconds(i));
            if (const auto* claimed = std::get_if<Claimed>(&outcome)) {
                ++claimedCount;
                // Finishing at once is the hard case: a node that read before this commit must still not
                // run the slot again.
                finishOk(claimed->run.id, t0_ + 1s);
            }
        });
    }
    for (auto& node : nodes) node.join();
    EXPECT_EQ(claimedCount.load(), 1);
    EXPECT_EQ(store_.list(100).size(), 1U);
}

TEST_P(RunStoreTest, ListIsNewestFirstAndNewestGoodSkipsFailures) {
    const auto first = claimedRun(store_.claimManual("n", 1, t0_));
    finishOk(first.id, t0_ + 1s);
    const auto second = claimedRun(store_.claimManual("n", 1, t0_ + 2s));
    RunResult failed;
    failed.error = "disk full";
    store_.finish(second.id, failed, t0_ + 3s);
    const auto runs = store_.list(10);
    ASSERT_EQ(runs.size(), 2U);
    EXPECT_EQ(runs[0].id, second.id);
    EXPECT_EQ(runs[0].error, "disk full");
    EXPECT_EQ(store_.newestFinished()->id, second.id);
    EXPECT_EQ(store_.newestGood()->id, first.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, RunStoreTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& backend) { return test::dialectName(backend.param); });

}  // namespace
}  // namespace ocomms::backup
