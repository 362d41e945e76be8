#include "realtime/hub/WorkerPool.hpp"

#include <exception>
#include <stdexcept>
#include <string>

namespace ocomms::realtime {

WorkerPool::WorkerPool(int threads, Logger& logger) : threadCount_(threads), logger_(logger) {
    if (threads < 1) throw std::invalid_argument("realtime: at least one worker thread is needed");
}

WorkerPool::~WorkerPool() {
    stop();
}

void WorkerPool::start() {
    std::lock_guard lock(mutex_);
    if (!threads_.empty() || stopped_) throw std::logic_error("realtime: the worker pool was already started");
    for (int i = 0; i < threadCount_; ++i) threads_.emplace_back([this] { run(); });
}

void WorkerPool::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        stopped_ = true;
        stopping_ = true;
        if (threads_.empty()) {
            for (int i = 0; i < threadCount_; ++i) threads_.emplace_back([this] { run(); });
        }
    }
    ready_.notify_all();
    for (auto& thread : threads_) thread.join();
    std::lock_guard lock(mutex_);
    finished_ = true;
}

bool WorkerPool::post(const std::shared_ptr<Strand>& strand, Task task, std::size_t maxWaiting) {
    {
        std::lock_guard lock(mutex_);
        if (finished_) return false;
    }
    {
        std::lock_guard lock(strand->mutex_);
        if (strand->tasks_.size() >= maxWaiting) return false;
        strand->tasks_.push_back(std::move(task));
        if (strand->scheduled_) return true;
        strand->scheduled_ = true;
    }
    schedule(strand);
    return true;
}

void WorkerPool::schedule(std::shared_ptr<Strand> strand) {
    {
        std::lock_guard lock(mutex_);
        readyStrands_.push_back(std::move(strand));
    }
    ready_.notify_one();
}

void WorkerPool::run() {
    while (true) {
        std::shared_ptr<Strand> strand;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return !readyStrands_.empty() || stopping_; });
            // Stopping: the threads leave only once nothing is left, since tasks may still be queued by
            // the tasks that are running.
            if (readyStrands_.empty()) return;
            strand = std::move(readyStrands_.front());
            readyStrands_.pop_front();
        }
        // One task, then the strand goes to the back of the line: a busy connection cannot starve others.
        if (runNext(*strand)) schedule(std::move(strand));
    }
}

bool WorkerPool::runNext(Strand& strand) {
    Task task;
    {
        std::lock_guard lock(strand.mutex_);
        task = std::move(strand.tasks_.front());
        strand.tasks_.pop_front();
    }
    try {
        task();
    } catch (const std::exception& error) {
        logger_.error(std::string("realtime: a worker task failed: ") + error.what());
    } catch (...) {
        logger_.error("realtime: a worker task failed with an unknown exception");
    }
    std::lock_guard lock(strand.mutex_);
    if (!strand.tasks_.empty()) return true;
    strand.scheduled_ = false;
    return false;
}

}  // namespace ocomms::realtime
