// Scheduled backups fall on slots: instants computed from the previous scheduled slot, so that every node
// sharing the database computes the same slot and only the first to claim it runs the backup. Backups on
// request do not move the schedule.
#pragma once

#include <chrono>
#include <optional>

#include "BackupSettings.hpp"

namespace ocomms::backup {

using Clock = std::chrono::system_clock;

/// The next slot after `lastSlot` (the slot of the newest scheduled backup, whatever became of it):
///   without `at`: lastSlot + every; with no previous slot, now (a first backup right away);
///   with `at`:    the first `at` (UTC) at least `every` minus half a day after lastSlot (so a changed `at`
///                 still gives about `every` between backups); with no previous slot, the first `at` from now.
Clock::time_point nextSlot(const ScheduleRule& rule, std::optional<Clock::time_point> lastSlot, Clock::time_point now);

/// The slot a scheduled backup should run for at `now`, or none while the next slot is in the future.
/// Missed slots (the server was down) are not caught up one by one: the newest passed slot runs once.
std::optional<Clock::time_point> dueSlot(const ScheduleRule& rule, std::optional<Clock::time_point> lastSlot,
                                         Clock::time_point now);

}  // namespace ocomms::backup
