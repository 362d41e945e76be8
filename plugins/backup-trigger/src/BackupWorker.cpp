#include "BackupWorker.hpp"

#include "Heartbeat.hpp"
#include "IsoTime.hpp"

namespace ocomms::backup {

BackupWorker::BackupWorker(RunStore& store, BackupRunner& runner, BackupHealth& health,
                           std::optional<ScheduleRule> schedule, std::string node, WorkerTiming timing, Logger& logger)
    : store_(store),
      runner_(runner),
      health_(health),
      schedule_(schedule),
      node_(std::move(node)),
      timing_(timing),
      logger_(logger) {}

BackupWorker::~BackupWorker() { stop(); }

void BackupWorker::start() {
    thread_ = std::thread([this] { loop(); });
}

void BackupWorker::stop() {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_all();
    runner_.cancel();
    if (thread_.joinable()) thread_.join();
    for (const auto& claimed : pending_) {
        RunResult result;
        result.error = "stopped: the server shut down before the backup began";
        try {
            store_.finish(claimed.run.id, result, Clock::now());
        } catch (const std::exception& e) {
            logger_.error("backup #" + std::to_string(claimed.run.id) + ": could not record its end: " + e.what());
        }
    }
    pending_.clear();
}

ClaimOutcome BackupWorker::requestBackup(std::int64_t userId) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_) throw WorkerStopping("the server is shutting down");
    }
    ClaimOutcome outcome = store_.claimManual(node_, userId, Clock::now());
    if (const auto* claimed = std::get_if<Claimed>(&outcome)) {
        {
            const std::lock_guard lock(mutex_);
            pending_.push_back(*claimed);
        }
        wake_.notify_all();
    }
    return outcome;
}

void BackupWorker::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (!pending_.empty()) {
            const Claimed claimed = pending_.front();
            pending_.pop_front();
            lock.unlock();
            runClaimed(claimed);
            lock.lock();
            continue;
        }
        lock.unlock();
        auto wakeAt = Clock::now() + timing_.longestSleep;
        if (schedule_) wakeAt = std::min(wakeAt, followSchedule());
        logHealthChanges();
        lock.lock();
        wake_.wait_until(lock, wakeAt, [this] { return stopping_ || !pending_.empty(); });
    }
}

Clock::time_point BackupWorker::followSchedule() {
    try {
        const ClaimOutcome outcome = store_.claimScheduled(node_, *schedule_, Clock::now());
        if (const auto* claimed = std::get_if<Claimed>(&outcome)) {
            runClaimed(*claimed);
            return Clock::now();
        }
        if (const auto* notDue = std::get_if<NotDue>(&outcome)) {
            logger_.debug("next scheduled backup at " + isoUtc(notDue->next));
            return notDue->next;
        }
        const auto& busy = std::get<Busy>(outcome);
        logger_.debug("scheduled backup due, but backup #" + std::to_string(busy.running.id) + " still runs on node " +
                      busy.running.node);
    } catch (const std::exception& e) {
        logger_.warn("cannot check the backup schedule: " + std::string(e.what()));
    }
    return Clock::now() + timing_.recheck;
}

void BackupWorker::runClaimed(const Claimed& claimed) {
    for (const auto& dead : claimed.abandoned)
        logger_.warn("backup #" + std::to_string(dead.id) + " recorded as failed: " + dead.error.value_or(""));
    const Heartbeat heartbeat(store_, claimed.run.id, timing_.heartbeat, logger_);
    runner_.execute(claimed.run);
}

void BackupWorker::logHealthChanges() {
    CheckResult result;
    try {
        result = health_.check();
    } catch (const std::exception& e) {
        logger_.debug("cannot assess backups: " + std::string(e.what()));
        return;
    }
    if (lastLoggedStatus_ == result.status) return;
    if (result.status != CheckStatus::Ok)
        logger_.warn("backup check: " + result.error);
    else if (lastLoggedStatus_)
        logger_.info("backup check: ok again");
    lastLoggedStatus_ = result.status;
}

}  // namespace ocomms::backup
