#include "BackupRun.hpp"

namespace ocomms::backup {

const char* toString(RunStatus status) {
    switch (status) {
        case RunStatus::Running: return "running";
        case RunStatus::Ok: return "ok";
        case RunStatus::Failed: return "failed";
    }
    return "failed";
}

const char* toString(Trigger trigger) { return trigger == Trigger::Schedule ? "schedule" : "manual"; }

std::optional<RunStatus> parseRunStatus(const std::string& text) {
    for (const RunStatus status : {RunStatus::Running, RunStatus::Ok, RunStatus::Failed})
        if (text == toString(status)) return status;
    return std::nullopt;
}

std::optional<Trigger> parseTrigger(const std::string& text) {
    for (const Trigger trigger : {Trigger::Manual, Trigger::Schedule})
        if (text == toString(trigger)) return trigger;
    return std::nullopt;
}

}  // namespace ocomms::backup
