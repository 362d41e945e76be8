// A ConnectionEvents that records what the loops report, with waits for the tests.
#pragma once

#include "realtime/ConnectionLoops.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ocomms::realtime::test {

struct ClosedEvent {
    std::uint16_t code = 0;
    std::string reason;
};

class RecordingConnectionEvents final : public ConnectionEvents {
public:
    void onText(ConnectionId id, std::string message) override {
        std::lock_guard lock(mutex_);
        texts_[id].push_back(std::move(message));
        callbackThreads_.insert(std::this_thread::get_id());
        changed_.notify_all();
    }

    void onClosed(ConnectionId id, std::uint16_t code, const std::string& reason) override {
        std::lock_guard lock(mutex_);
        closed_[id].push_back({code, reason});
        callbackThreads_.insert(std::this_thread::get_id());
        changed_.notify_all();
    }

    /// The id's `index`-th text message, waiting for it.
    std::optional<std::string> waitForText(ConnectionId id, std::size_t index = 0,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, timeout, [&] { return texts_[id].size() > index; })) return std::nullopt;
        return texts_[id][index];
    }

    std::optional<ClosedEvent> waitForClosed(ConnectionId id, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, timeout, [&] { return !closed_[id].empty(); })) return std::nullopt;
        return closed_[id].front();
    }

    bool waitForTextCount(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return textCountLocked() >= count; });
    }

    std::size_t closedCount(ConnectionId id) {
        std::lock_guard lock(mutex_);
        return closed_[id].size();
    }

    std::size_t textCount(ConnectionId id) {
        std::lock_guard lock(mutex_);
        return texts_[id].size();
    }

    std::size_t callbackThreadCount() {
        std::lock_guard lock(mutex_);
        return callbackThreads_.size();
    }

private:
    std::size_t textCountLocked() const {
        std::size_t count = 0;
        for (const auto& [id, messages] : texts_) count += messages.size();
        return count;
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<ConnectionId, std::vector<std::string>> texts_;
    std::map<ConnectionId, std::vector<ClosedEvent>> closed_;
    std::set<std::thread::id> callbackThreads_;
};

}  // namespace ocomms::realtime::test
