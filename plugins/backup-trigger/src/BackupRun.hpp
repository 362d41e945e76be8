// One backup, as the table backup_runs records it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ocomms::backup {

enum class RunStatus { Running, Ok, Failed };
enum class Trigger { Manual, Schedule };

struct BackupRun {
    std::int64_t id = 0;
    RunStatus status = RunStatus::Running;
    Trigger trigger = Trigger::Manual;
    std::optional<std::int64_t> scheduledForMs;  ///< the slot, for scheduled runs
    std::optional<std::int64_t> requestedBy;     ///< the user, for runs on request
    std::string node;                            ///< the node that runs it
    std::string startedAt;
    std::int64_t startedMs = 0;
    std::int64_t heartbeatMs = 0;
    std::optional<std::string> finishedAt;
    std::optional<std::string> fileName;
    std::optional<std::int64_t> sizeBytes;
    std::optional<std::string> sha256;
    bool verified = false;
    std::optional<std::string> error;
    std::optional<std::string> removedAt;  ///< when retention removed the file
};

/// What a finished run records.
struct RunResult {
    RunStatus status = RunStatus::Failed;
    std::optional<std::string> fileName;
    std::optional<std::int64_t> sizeBytes;
    std::optional<std::string> sha256;
    bool verified = false;
    std::optional<std::string> error;
};

const char* toString(RunStatus status);
const char* toString(Trigger trigger);
std::optional<RunStatus> parseRunStatus(const std::string& text);
std::optional<Trigger> parseTrigger(const std::string& text);

}  // namespace ocomms::backup
