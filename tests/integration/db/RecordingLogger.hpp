// A Logger for the pool under test: keeps what it was told, so a test can show it when it fails.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <ocomms/logger.hpp>

namespace ocomms::test {

class RecordingLogger final : public Logger {
public:
    void log(LogLevel, std::string_view message) override {
        const std::lock_guard lock(mutex_);
        lines_.emplace_back(message);
    }
    bool enabled(LogLevel) const override { return true; }

    std::vector<std::string> lines() const {
        const std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace ocomms::test
