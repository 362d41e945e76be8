#include "Heartbeat.hpp"

namespace ocomms::backup {

Heartbeat::Heartbeat(RunStore& store, std::int64_t runId, std::chrono::milliseconds interval, Logger& logger)
    : store_(store), runId_(runId), interval_(interval), logger_(logger), thread_([this] { beat(); }) {}

Heartbeat::~Heartbeat() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Heartbeat::beat() {
    bool warned = false;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        try {
            if (!store_.heartbeat(runId_, Clock::now()) && !warned) {
                logger_.warn("backup #" + std::to_string(runId_) +
                             " is no longer recorded as running: another node judged it dead");
                warned = true;
            }
        } catch (const std::exception& e) {
            logger_.warn("backup #" + std::to_string(runId_) + ": could not renew its heartbeat: " + e.what());
        }
        lock.lock();
    }
}

}  // namespace ocomms::backup
