// Waiting for a condition in realtime tests, and counting the process's threads.
#pragma once

#include "TestWebSocketClient.hpp"
#include "support/Eventually.hpp"

#include <dirent.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <thread>

namespace ocomms::realtime::test {

/// Polls `condition` until it holds (true) or `timeout` passes (false).
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = kAntiHang) {
    return ocomms::test::eventually(condition, timeout);
}

inline std::size_t threadsOfThisProcess() {
    std::size_t count = 0;
    DIR* tasks = ::opendir("/proc/self/task");
    if (tasks == nullptr) return 0;
    while (const dirent* entry = ::readdir(tasks)) {
        if (entry->d_name[0] != '.') ++count;
    }
    ::closedir(tasks);
    return count;
}

}  // namespace ocomms::realtime::test
