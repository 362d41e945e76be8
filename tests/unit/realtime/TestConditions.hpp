// Waiting for a condition in realtime tests, and counting the process's threads.
#pragma once

#include "TestWebSocketClient.hpp"

#include <dirent.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <thread>

namespace ocomms::realtime::test {

/// Polls `condition` until it holds (true) or `timeout` passes (false).
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = kAntiHang) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
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
