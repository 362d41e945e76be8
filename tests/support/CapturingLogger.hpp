// A Logger that keeps what it is told, for assertions.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <ocomms/logger.hpp>

namespace ocomms::test {

class CapturingLogger final : public Logger {
public:
    void log(LogLevel, std::string_view message) override {
        std::lock_guard lock(mutex_);
        lines_.emplace_back(message);
    }
    bool enabled(LogLevel) const override { return true; }

    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }
    bool contains(const std::string& fragment) const {
        std::lock_guard lock(mutex_);
        for (const auto& l : lines_)
            if (l.find(fragment) != std::string::npos) return true;
        return false;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace ocomms::test
