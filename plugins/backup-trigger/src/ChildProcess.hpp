// A tool run as a child process (pg_dump, pg_restore), with a controlled environment and its error output
// kept for messages. posix_spawn, not fork: the host has many threads.
//
// The child gets an empty signal mask and default signal actions (the host blocks SIGTERM and SIGINT in
// every thread, and a child would inherit that), and a process group of its own, so that a Ctrl+C at the
// terminal reaches the host, which then decides what happens to the child.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/types.h>

namespace ocomms::backup {

struct ChildCommand {
    std::vector<std::string> argv;           ///< argv[0] is looked up in PATH unless it holds a '/'
    std::map<std::string, std::string> env;  ///< set (or replaced) in the host's environment
};

struct ChildOutcome {
    int exitCode = -1;        ///< when it exited
    int signal = 0;           ///< when a signal ended it
    bool terminated = false;  ///< terminate() was called while it ran
    std::string errorOutput;  ///< the end of what it wrote to stderr

    bool succeeded() const { return exitCode == 0 && signal == 0; }
    /// "exited with 1: <stderr>" or "was killed by signal 9".
    std::string describe() const;
};

class ChildProcess {
public:
    /// Starts the command. Throws std::runtime_error naming the program when it cannot be started.
    explicit ChildProcess(const ChildCommand& command);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Waits for the child to end (once). After terminate(), a child that does not end within `grace` is
    /// killed.
    ChildOutcome wait(std::chrono::milliseconds grace = std::chrono::seconds(5));

    /// From any thread: asks the child to end (SIGTERM, and SIGCONT in case it was stopped).
    void terminate();

    pid_t pid() const { return pid_; }

private:
    void readErrorOutput();
    void signalChild(int signal);

    pid_t pid_ = -1;
    int errorPipe_ = -1;
    std::string errorOutput_;
    std::mutex mutex_;  ///< guards signalling against reaping (a reaped pid may be reused)
    bool reaped_ = false;
    std::atomic<bool> terminateRequested_{false};
};

/// Runs the command to its end.
ChildOutcome runChild(const ChildCommand& command);

}  // namespace ocomms::backup
