// The `backup` check warns, never fails: after a failed or unverified backup, and when the newest good
// backup is older than twice the schedule's interval.
#include <gtest/gtest.h>

#include "BackupHealth.hpp"
#include "IsoTime.hpp"
#include "UtcTime.hpp"

namespace ocomms::backup {
namespace {

using namespace std::chrono_literals;
using test::utc;

const std::optional<ScheduleRule> kDaily = ScheduleRule{std::chrono::milliseconds(24h), std::nullopt};

BackupRun run(std::int64_t id, RunStatus status, const std::string& started, bool verified = true,
              std::optional<std::string> error = std::nullopt) {
    BackupRun r;
    r.id = id;
    r.status = status;
    r.startedMs = epochMs(utc(started));
    r.startedAt = isoUtc(utc(started));
    r.verified = verified;
    r.error = std::move(error);
    return r;
}

TEST(BackupHealth, AFreshGoodBackupIsOkAndNamed) {
    const auto good = run(4, RunStatus::Ok, "2026-01-28 03:00:00");
    const auto result = assessBackups(good, good, kDaily, utc("2026-01-01 00:00:00"), utc("2026-01-28 20:00:00"));
    EXPECT_EQ(result.status, CheckStatus::Ok) << result.error;
    EXPECT_EQ(result.details["last_backup"]["id"], 4);
}

TEST(BackupHealth, AFailedLastBackupWarnsWithItsError) {
    const auto good = run(4, RunStatus::Ok, "2026-01-28 03:00:00");
    const auto failed = run(5, RunStatus::Failed, "2026-01-28 09:00:00", false, "pg_dump exited with status 1");
    const auto result = assessBackups(failed, good, kDaily, utc("2026-01-01 00:00:00"), utc("2026-01-28 10:00:00"));
    EXPECT_EQ(result.status, CheckStatus::Warn);
    EXPECT_NE(result.error.find("#5"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("pg_dump exited with status 1"), std::string::npos) << result.error;
}

TEST(BackupHealth, ABackupThatNoLongerVerifiesWarns) {
    const auto unverified =
        run(4, RunStatus::Ok, "2026-01-28 03:00:00", false, "verification failed: checksum mismatch");
    const auto result =
        assessBackups(unverified, std::nullopt, std::nullopt, utc("2026-01-28 00:00:00"), utc("2026-01-28 04:00:00"));
    EXPECT_EQ(result.status, CheckStatus::Warn);
    EXPECT_NE(result.error.find("did not verify"), std::string::npos) << result.error;
}

TEST(BackupHealth, AGoodBackupOlderThanTwiceEveryWarns) {
    const auto good = run(4, RunStatus::Ok, "2026-01-26 03:00:00");
    const auto stale = assessBackups(good, good, kDaily, utc("2026-01-01 00:00:00"), utc("2026-01-28 03:00:01"));
    EXPECT_EQ(stale.status, CheckStatus::Warn);
    EXPECT_NE(stale.error.find("twice `every` (1d)"), std::string::npos) << stale.error;
    EXPECT_EQ(assessBackups(good, good, kDaily, utc("2026-01-01 00:00:00"), utc("2026-01-28 03:00:00")).status,
              CheckStatus::Ok);
}

TEST(BackupHealth, NoBackupAtAllCountsFromWhenTheNodeStartedWatching) {
    const auto since = utc("2026-01-28 00:00:00");
    EXPECT_EQ(assessBackups(std::nullopt, std::nullopt, kDaily, since, utc("2026-01-29 23:00:00")).status,
              CheckStatus::Ok);
    const auto stale = assessBackups(std::nullopt, std::nullopt, kDaily, since, utc("2026-01-30 01:00:00"));
    EXPECT_EQ(stale.status, CheckStatus::Warn);
    EXPECT_NE(stale.error.find("no good backup yet"), std::string::npos) << stale.error;
}

TEST(BackupHealth, WithoutAScheduleAgeAloneNeverWarns) {
    const auto good = run(4, RunStatus::Ok, "2020-01-01 03:00:00");
    EXPECT_EQ(assessBackups(good, good, std::nullopt, utc("2020-01-01 00:00:00"), utc("2026-01-28 00:00:00")).status,
              CheckStatus::Ok);
}

}  // namespace
}  // namespace ocomms::backup
