// A fixed set of threads that run tasks queued on strands: the tasks of one strand run one at a time, in
// the order they were posted, while different strands run in parallel. The hub gives each connection a
// strand, so a connection's messages are handled in order and a slow handler holds up only its own
// connection (and one worker).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <ocomms/logger.hpp>

namespace ocomms::realtime {

class WorkerPool {
public:
    using Task = std::function<void()>;

    /// The queue of one sequence of tasks; create with makeStrand().
    class Strand {
        friend class WorkerPool;
        std::mutex mutex_;
        std::deque<Task> tasks_;
        bool scheduled_ = false;  ///< queued in the pool or running: at most once at a time
    };

    WorkerPool(int threads, Logger& logger);
    ~WorkerPool();  ///< stops
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void start();
    /// Runs every task already queued (and those they queue), then joins the threads. Idempotent; starts
    /// the threads first when start() was never called, so that no queued task is lost.
    void stop();

    std::shared_ptr<Strand> makeStrand() const { return std::make_shared<Strand>(); }

    /// Queues `task` after the strand's earlier tasks. False (and the task dropped) when `maxWaiting`
    /// tasks of the strand are already waiting, or the pool has stopped.
    bool post(const std::shared_ptr<Strand>& strand, Task task,
              std::size_t maxWaiting = std::numeric_limits<std::size_t>::max());

    int threadCount() const { return threadCount_; }

private:
    void run();
    void schedule(std::shared_ptr<Strand> strand);
    /// Runs the strand's next task; returns whether the strand has more.
    bool runNext(Strand& strand);

    const int threadCount_;
    Logger& logger_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::shared_ptr<Strand>> readyStrands_;
    bool stopping_ = false;
    bool stopped_ = false;
    bool finished_ = false;  ///< the threads have ended: nothing posted now would run
    std::vector<std::thread> threads_;
};

}  // namespace ocomms::realtime
