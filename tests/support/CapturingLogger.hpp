// A Logger that keeps what it is told, for assertions.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ocomms/logger.hpp>

namespace ocomms::test {

class CapturingLogger final : public Logger {
public:
    struct Line {
        LogLevel level;
        std::string message;
    };

    void log(LogLevel level, std::string_view message) override {
        std::lock_guard lock(mutex_);
        lines_.push_back({level, std::string(message)});
        changed_.notify_all();
    }
    bool enabled(LogLevel) const override { return true; }

    /// The messages, in order.
    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> messages;
        for (const auto& line : lines_) messages.push_back(line.message);
        return messages;
    }

    bool contains(std::string_view fragment) const { return waitForLine(fragment, std::chrono::milliseconds(0)).has_value(); }

    /// The first line containing `text`, waiting for it up to `timeout`: servers log after they answer.
    std::optional<Line> waitForLine(std::string_view text,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        std::unique_lock lock(mutex_);
        std::optional<Line> found;
        changed_.wait_for(lock, timeout, [&] {
            auto it = std::find_if(lines_.begin(), lines_.end(),
                                   [&](const Line& line) { return line.message.find(text) != std::string::npos; });
            if (it != lines_.end()) found = *it;
            return found.has_value();
        });
        return found;
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<Line> lines_;
};

}  // namespace ocomms::test
