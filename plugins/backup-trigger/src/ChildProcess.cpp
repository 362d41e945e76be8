#include "ChildProcess.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ocomms::backup {
namespace {

constexpr std::size_t kKeptErrorOutput = 4000;
constexpr int kPollMilliseconds = 100;

/// The host's environment with `overrides` set.
std::vector<std::string> environmentWith(const std::map<std::string, std::string>& overrides) {
    std::vector<std::string> entries;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        if (!overrides.count(text.substr(0, text.find('=')))) entries.push_back(text);
    }
    for (const auto& [name, value] : overrides) entries.push_back(name + "=" + value);
    return entries;
}

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

/// posix_spawn's attributes and file actions, released however spawning ends.
class SpawnSetup {
public:
    explicit SpawnSetup(int errorWriteEnd) {
        posix_spawn_file_actions_init(&actions_);
        posix_spawnattr_init(&attributes_);
        posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions_, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_adddup2(&actions_, errorWriteEnd, STDERR_FILENO);

        sigset_t none;
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attributes_, &none);
        sigset_t defaults;
        sigemptyset(&defaults);
        for (const int signal : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE}) sigaddset(&defaults, signal);
        posix_spawnattr_setsigdefault(&attributes_, &defaults);
        posix_spawnattr_setpgroup(&attributes_, 0);
        posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions_);
        posix_spawnattr_destroy(&attributes_);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    const posix_spawn_file_actions_t* actions() const { return &actions_; }
    const posix_spawnattr_t* attributes() const { return &attributes_; }

private:
    posix_spawn_file_actions_t actions_;
    posix_spawnattr_t attributes_;
};

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
    return text;
}

}  // namespace

std::string ChildOutcome::describe() const {
    std::string out = signal != 0 ? "was ended by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")"
                                  : "exited with status " + std::to_string(exitCode);
    const std::string errors = trimmed(errorOutput);
    if (!errors.empty()) out += ": " + errors;
    return out;
}

ChildProcess::ChildProcess(const ChildCommand& command) {
    if (command.argv.empty()) throw std::invalid_argument("no program to run");
    std::vector<std::string> arguments = command.argv;
    std::vector<std::string> environment = environmentWith(command.env);
    const auto argv = pointersTo(arguments);
    const auto envp = pointersTo(environment);

    int errorPipe[2];
    if (pipe2(errorPipe, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot run " + command.argv[0] + ": pipe: " + std::strerror(errno));
    int rc = 0;
    {
        const SpawnSetup setup(errorPipe[1]);
        const bool hasPath = command.argv[0].find('/') != std::string::npos;
        rc = hasPath ? posix_spawn(&pid_, argv[0], setup.actions(), setup.attributes(), argv.data(), envp.data())
                     : posix_spawnp(&pid_, argv[0], setup.actions(), setup.attributes(), argv.data(), envp.data());
    }
    close(errorPipe[1]);
    if (rc != 0) {
        close(errorPipe[0]);
        throw std::runtime_error("cannot run " + command.argv[0] + ": " + std::strerror(rc));
    }
    errorPipe_ = errorPipe[0];
}

ChildProcess::~ChildProcess() {
    {
        const std::lock_guard lock(mutex_);
        if (!reaped_) {
            kill(pid_, SIGKILL);
            int status = 0;
            waitpid(pid_, &status, 0);
            reaped_ = true;
        }
    }
    if (errorPipe_ >= 0) close(errorPipe_);
}

void ChildProcess::readErrorOutput() {
    char buffer[4096];
    const ssize_t n = read(errorPipe_, buffer, sizeof buffer);
    if (n > 0) {
        errorOutput_.append(buffer, static_cast<std::size_t>(n));
        if (errorOutput_.size() > kKeptErrorOutput) errorOutput_.erase(0, errorOutput_.size() - kKeptErrorOutput);
    } else if (n == 0 || errno != EINTR) {
        close(errorPipe_);
        errorPipe_ = -1;
    }
}

void ChildProcess::signalChild(int signal) {
    const std::lock_guard lock(mutex_);
    if (!reaped_) kill(pid_, signal);
}

void ChildProcess::terminate() {
    terminateRequested_ = true;
    signalChild(SIGTERM);
    signalChild(SIGCONT);
}

ChildOutcome ChildProcess::wait(std::chrono::milliseconds grace) {
    std::optional<std::chrono::steady_clock::time_point> killAt;
    int status = 0;
    for (;;) {
        if (errorPipe_ >= 0) {
            pollfd readable{errorPipe_, POLLIN, 0};
            if (poll(&readable, 1, kPollMilliseconds) > 0) readErrorOutput();
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMilliseconds));
        }
        {
            const std::lock_guard lock(mutex_);
            if (!reaped_ && waitpid(pid_, &status, WNOHANG) == pid_) reaped_ = true;
            if (reaped_) break;
        }
        if (terminateRequested_ && !killAt) killAt = std::chrono::steady_clock::now() + grace;
        if (killAt && std::chrono::steady_clock::now() >= *killAt) signalChild(SIGKILL);
    }
    while (errorPipe_ >= 0) {
        pollfd readable{errorPipe_, POLLIN, 0};
        if (poll(&readable, 1, 0) <= 0) break;
        readErrorOutput();
    }
    ChildOutcome outcome;
    outcome.terminated = terminateRequested_;
    outcome.errorOutput = errorOutput_;
    if (WIFEXITED(status)) outcome.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
    return outcome;
}

ChildOutcome runChild(const ChildCommand& command) { return ChildProcess(command).wait(); }

}  // namespace ocomms::backup
