// While a backup runs, its row's heartbeat is renewed from a thread of its own (the backup itself blocks
// in pg_dump or VACUUM INTO), so that other nodes can tell a long backup from one whose node died.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include <ocomms/logger.hpp>

#include "RunStore.hpp"

namespace ocomms::backup {

class Heartbeat {
public:
    Heartbeat(RunStore& store, std::int64_t runId, std::chrono::milliseconds interval, Logger& logger);
    ~Heartbeat();
    Heartbeat(const Heartbeat&) = delete;
    Heartbeat& operator=(const Heartbeat&) = delete;

private:
    void beat();

    RunStore& store_;
    std::int64_t runId_;
    std::chrono::milliseconds interval_;
    Logger& logger_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace ocomms::backup
