// Programs a test runs as child processes: started with fork + exec with their output in a file, waited
// for with a deadline, and stopped with a signal (SIGKILL when they do not exit in time).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace ocomms::test {

/// fork + exec of `argv` (the first is the program, looked up in PATH when not a path) with stdout and
/// stderr appended to `logFile`, `env` added to the environment, and an empty signal mask.
pid_t spawnProcess(std::vector<std::string> argv, const std::filesystem::path& logFile,
                   const std::map<std::string, std::string>& env = {},
                   const std::filesystem::path& stdinFile = "/dev/null");

/// waitpid with a deadline: the exit code (128 + signal when killed), or nothing when it still runs.
std::optional<int> waitForExit(pid_t pid, std::chrono::milliseconds timeout);

/// Sends `signal`, waits up to `timeout`, then SIGKILL; returns the exit code (128 + signal when killed).
int stopProcess(pid_t pid, int signal, std::chrono::milliseconds timeout);

}  // namespace ocomms::test
