// Schedule slots: the next one from the previous scheduled slot, every or at a time of day (UTC), missed
// slots run once, and no previous slot means a first backup now (or at the next `at`).
#include <gtest/gtest.h>

#include "Schedule.hpp"
#include "UtcTime.hpp"

namespace ocomms::backup {
namespace {

using namespace std::chrono_literals;
using test::utc;

const ScheduleRule kEvery6h{std::chrono::milliseconds(6h), std::nullopt};
const ScheduleRule kDailyAt3{std::chrono::milliseconds(24h), 3h};
const ScheduleRule kEveryTwoDaysAt3{std::chrono::milliseconds(48h), 3h};

TEST(Schedule, WithoutAnyPreviousSlotTheFirstBackupIsDueNow) {
    const auto now = utc("2026-01-28 14:12:00");
    EXPECT_EQ(nextSlot(kEvery6h, std::nullopt, now), now);
    EXPECT_EQ(dueSlot(kEvery6h, std::nullopt, now), now);
}

TEST(Schedule, SlotsFollowEachOtherEveryApart) {
    const auto last = utc("2026-01-28 06:00:00");
    EXPECT_EQ(nextSlot(kEvery6h, last, utc("2026-01-28 07:00:00")), utc("2026-01-28 12:00:00"));
    EXPECT_EQ(dueSlot(kEvery6h, last, utc("2026-01-28 11:59:59")), std::nullopt);
    EXPECT_EQ(dueSlot(kEvery6h, last, utc("2026-01-28 12:00:00")), utc("2026-01-28 12:00:00"));
}

TEST(Schedule, MissedSlotsRunOnceForTheNewestPassedSlot) {
    const auto last = utc("2026-01-28 06:00:00");
    EXPECT_EQ(dueSlot(kEvery6h, last, utc("2026-01-29 20:30:00")), utc("2026-01-29 18:00:00"));
}

TEST(Schedule, WithAtTheFirstBackupWaitsForThatTimeOfDay) {
    EXPECT_EQ(nextSlot(kDailyAt3, std::nullopt, utc("2026-01-28 14:00:00")), utc("2026-01-29 03:00:00"));
    EXPECT_EQ(nextSlot(kDailyAt3, std::nullopt, utc("2026-01-28 02:00:00")), utc("2026-01-28 03:00:00"));
    EXPECT_EQ(dueSlot(kDailyAt3, std::nullopt, utc("2026-01-28 02:00:00")), std::nullopt);
    EXPECT_EQ(dueSlot(kDailyAt3, std::nullopt, utc("2026-01-28 03:00:00")), utc("2026-01-28 03:00:00"));
}

TEST(Schedule, WithAtTheNextSlotIsTheSameTimeEveryDays) {
    EXPECT_EQ(nextSlot(kDailyAt3, utc("2026-01-28 03:00:00"), utc("2026-01-28 03:00:01")), utc("2026-01-29 03:00:00"));
    EXPECT_EQ(nextSlot(kEveryTwoDaysAt3, utc("2026-01-28 03:00:00"), utc("2026-01-28 04:00:00")),
              utc("2026-01-30 03:00:00"));
}

TEST(Schedule, WithAtMissedDaysRunOnceAtTheNewestPassedTime) {
    EXPECT_EQ(dueSlot(kDailyAt3, utc("2026-01-20 03:00:00"), utc("2026-01-28 02:00:00")), utc("2026-01-27 03:00:00"));
    EXPECT_EQ(dueSlot(kDailyAt3, utc("2026-01-20 03:00:00"), utc("2026-01-28 09:00:00")), utc("2026-01-28 03:00:00"));
}

TEST(Schedule, AChangedAtStillKeepsAboutEveryBetweenBackups) {
    // The last backup ran at 03:00 and `at` changed: 20:00 the same day (17 hours on) and 01:00 the next
    // (22 hours on) are near enough to a day; 01:00 the same night, 22 hours early, is not.
    const ScheduleRule dailyAt20{std::chrono::milliseconds(24h), 20h};
    EXPECT_EQ(nextSlot(dailyAt20, utc("2026-01-28 03:00:00"), utc("2026-01-28 04:00:00")), utc("2026-01-28 20:00:00"));
    const ScheduleRule dailyAt1{std::chrono::milliseconds(24h), 1h};
    EXPECT_EQ(nextSlot(dailyAt1, utc("2026-01-28 03:00:00"), utc("2026-01-28 04:00:00")), utc("2026-01-29 01:00:00"));
}

TEST(Schedule, AtWorksAcrossMonthAndYearEnds) {
    EXPECT_EQ(nextSlot(kDailyAt3, utc("2026-12-31 03:00:00"), utc("2026-12-31 10:00:00")), utc("2027-01-01 03:00:00"));
}

}  // namespace
}  // namespace ocomms::backup
