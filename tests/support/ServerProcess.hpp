// The real `ocomms` binary, run by a test: a config written to a temporary folder, the server started on a
// free loopback port, its output captured, stopped with SIGTERM.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace ocomms::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  ///< names lower-cased
};

/// One HTTP/1.1 request to 127.0.0.1:port. Throws on connection errors.
HttpResult httpRequest(std::uint16_t port, const std::string& method, const std::string& path,
                       const std::string& body = "", const std::map<std::string, std::string>& headers = {});

/// The same request from the local address `sourceAddress` (any of 127.0.0.0/8), as another client's would
/// come.
HttpResult httpRequestFrom(const std::string& sourceAddress, std::uint16_t port, const std::string& method,
                           const std::string& path, const std::string& body = "",
                           const std::map<std::string, std::string>& headers = {});

/// A port that was free a moment ago on 127.0.0.1.
std::uint16_t freeLoopbackPort();

/// A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exitCode = -1;
    std::string output;  ///< stdout and stderr together
};

/// Runs a program (looked up in PATH when not a path) to completion; throws after `timeout`. `input`,
/// when given, is its standard input (otherwise /dev/null).
CommandResult runCommand(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                         std::chrono::seconds timeout = std::chrono::seconds(600),
                         const std::optional<std::string>& input = std::nullopt);

/// Runs the ocomms binary with `args` to completion (with a generous time limit).
CommandResult runOcomms(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                        const std::optional<std::string>& input = std::nullopt);

struct ServerOptions {
    std::string databaseUrl;                       ///< required
    std::string redisUrl;                          ///< empty: none
    /// redis.prefix; empty: one of its own, so that parallel tests never hear each other. Nodes of one
    /// test share a prefix.
    std::string redisPrefix;
    std::string pluginsYaml = "  - name: health\n";  ///< the body of `plugins:`
    std::string extraYaml;                         ///< appended at the top level
    std::string serverYaml;                        ///< more keys of `server:`, indented by two spaces
    std::vector<std::filesystem::path> pluginDirs;
    std::filesystem::path binary;                  ///< empty: the ocomms of this build
};

class ServerProcess {
public:
    explicit ServerProcess(ServerOptions options);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// Starts the binary and waits until /api/health/live answers; throws with the server's output if
    /// it exits or does not answer within `timeout`.
    void start(std::chrono::seconds timeout = std::chrono::seconds(60));
    /// SIGTERM, then waits; returns the exit code (or 128 + signal).
    int stop(std::chrono::seconds timeout = std::chrono::seconds(30));
    /// SIGKILL, as a crash or `kill -9` would: nothing of the server's shutdown runs. Returns 128 + 9.
    int crash();
    bool running() const { return pid_ > 0; }
    /// The server's process id while it runs (e.g. to read /proc/<pid>).
    pid_t pid() const { return pid_; }

    std::uint16_t port() const { return port_; }
    const std::filesystem::path& configFile() const { return configFile_; }
    const std::filesystem::path& dir() const { return dir_.path(); }
    std::string output() const;

    HttpResult get(const std::string& path) const { return httpRequest(port_, "GET", path); }

private:
    ServerOptions options_;
    TempDir dir_;
    std::filesystem::path configFile_;
    std::filesystem::path logFile_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace ocomms::test
