// What hub tests share: a recording presence tracker, the client end of a hub connection, and a gate
// that holds a handler until the test lets it go. Used by the unit tests and the fan-out integration test.
#pragma once

#include "../TestWebSocketClient.hpp"
#include "realtime/presence/PresenceTracker.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ocomms::realtime::test {

using nlohmann::json;

/// Records what the hub reports; answers queries with nothing (the hub never asks).
class RecordingPresence final : public PresenceTracker {
public:
    void connected(ConnectionId connection, std::int64_t userId) override {
        record("connected " + std::to_string(connection) + " user " + std::to_string(userId));
    }
    void disconnected(ConnectionId connection) override { record("disconnected " + std::to_string(connection)); }

    PresenceStatus status(std::int64_t) override { return PresenceStatus::Offline; }
    std::vector<PresenceStatus> statuses(const std::vector<std::int64_t>& userIds) override {
        return std::vector<PresenceStatus>(userIds.size(), PresenceStatus::Offline);
    }
    void setAway(ConnectionId, bool) override {}
    void onChange(PresenceHandler) override {}
    void start() override {}
    void stop() override {}
    void addChangeHandler(const std::string&, std::shared_ptr<const void>, PresenceHandler) override {}
    void removeOwner(const std::string&) override {}

    std::vector<std::string> events() const {
        std::lock_guard lock(mutex_);
        return events_;
    }

    bool waitFor(const std::string& event, std::chrono::milliseconds timeout = kAntiHang) const {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] {
            for (const auto& seen : events_) {
                if (seen == event) return true;
            }
            return false;
        });
    }

private:
    void record(std::string event) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
        changed_.notify_all();
    }

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<std::string> events_;
};

/// The client end of one hub connection.
struct HubPeer {
    ConnectionId id = 0;
    TestWebSocketClient client;

    void send(const json& message) { client.sendFrame(Opcode::Text, message.dump()); }

    /// The next text frame as JSON; null when none came (or it was not text).
    json read(std::chrono::milliseconds timeout = kAntiHang) {
        const auto frame = client.readFrame(timeout);
        if (!frame || frame->opcode != Opcode::Text) return nullptr;
        return json::parse(frame->payload);
    }

    /// The code of the server's close frame (0 when the next frame is not one), answered as a browser would.
    std::uint16_t readClose() {
        const auto frame = client.readFrame();
        if (!frame || frame->opcode != Opcode::Close) return 0;
        client.answerClose(frame->closeCode());
        return frame->closeCode();
    }

    /// Every event that arrives before the answer to a `sync` request: what the hub had already queued.
    std::vector<json> sync() {
        send({{"type", "sync"}});
        std::vector<json> before;
        for (json event = read(); !event.is_null(); event = read()) {
            if (event.value("type", "") == "synced") return before;
            before.push_back(std::move(event));
        }
        ADD_FAILURE() << "no answer to sync";
        return before;
    }
};

/// A gate a handler waits at until the test opens it (with an anti-hang bound), and that tells the test
/// when a handler reached it.
class Gate {
public:
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    /// Handler side: says it arrived, then waits for open().
    void pass() {
        std::unique_lock lock(mutex_);
        ++arrived_;
        changed_.notify_all();
        changed_.wait_for(lock, kAntiHang, [&] { return open_; });
    }
    bool waitForArrivals(int count) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kAntiHang, [&] { return arrived_ >= count; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
    int arrived_ = 0;
};

}  // namespace ocomms::realtime::test
