#include "support/ServerProcess.hpp"

#include "support/ChildProcess.hpp"
#include "support/FileContents.hpp"
#include "support/RedisTestTools.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

namespace ocomms::test {
namespace {

/// Sends `request` (with `body`) over `session` and reads the whole answer.
HttpResult exchange(Poco::Net::HTTPClientSession& session, Poco::Net::HTTPRequest& request, const std::string& body,
                    const std::map<std::string, std::string>& headers) {
    session.setTimeout(Poco::Timespan(30, 0));
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || request.getMethod() == "POST" || request.getMethod() == "PUT" ||
        request.getMethod() == "PATCH") {
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        if (!request.has("Content-Type")) request.setContentType("application/json");
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, result.body);
    for (const auto& [name, value] : response) {
        std::string lower = name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers[lower] = value;
    }
    return result;
}

}  // namespace

HttpResult httpRequest(std::uint16_t port, const std::string& method, const std::string& path, const std::string& body,
                       const std::map<std::string, std::string>& headers) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    return exchange(session, request, body, headers);
}

HttpResult httpRequestFrom(const std::string& sourceAddress, std::uint16_t port, const std::string& method,
                           const std::string& path, const std::string& body,
                           const std::map<std::string, std::string>& headers) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress::IPv4);
    socket.impl()->bind(Poco::Net::SocketAddress(sourceAddress, 0));
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(30, 0));
    // A session made from a socket does not connect it, which is where it would apply its timeouts.
    socket.setSendTimeout(Poco::Timespan(30, 0));
    socket.setReceiveTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPClientSession session(socket);
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost("127.0.0.1", port);  // nor does it know the server's name
    return exchange(session, request, body, headers);
}

std::uint16_t freeLoopbackPort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        close(fd);
        throw std::runtime_error("no free loopback port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("ocomms-test-" + std::to_string(getpid()) + "-" +
                                                      std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

CommandResult runCommand(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                         std::chrono::seconds timeout, const std::optional<std::string>& input) {
    TempDir dir;
    const auto log = dir.path() / "output.log";
    std::filesystem::path stdinFile = "/dev/null";
    if (input) {
        stdinFile = dir.path() / "input";
        std::ofstream(stdinFile) << *input;
    }
    const pid_t pid = spawnProcess(argv, log, env, stdinFile);
    CommandResult result;
    const auto code = waitForExit(pid, timeout);
    if (!code) {
        stopProcess(pid, SIGKILL, timeout);
        throw std::runtime_error(argv.front() + " did not finish within " + std::to_string(timeout.count()) +
                                 " s: " + readText(log));
    }
    result.exitCode = *code;
    result.output = readText(log);
    return result;
}

CommandResult runOcomms(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                        const std::optional<std::string>& input) {
    std::vector<std::string> argv{OCOMMS_TEST_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv, env, std::chrono::seconds(120), input);
}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
    configFile_ = dir_.path() / "ocomms.yaml";
    logFile_ = dir_.path() / "server.log";
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        try {
            stop();
        } catch (...) {
        }
    }
}

void ServerProcess::start(std::chrono::seconds timeout) {
    port_ = freeLoopbackPort();
    std::ofstream config(configFile_);
    config << "data_dir: \"" << (dir_.path() / "data").string() << "\"\n"
           << "server:\n  listen: \"127.0.0.1:" << port_ << "\"\n  public_url: \"http://127.0.0.1:" << port_ << "\"\n"
           << "  shutdown_timeout: 5s\n" << options_.serverYaml
           << "database:\n  url: \"" << options_.databaseUrl << "\"\n  connect_timeout: 10s\n"
           << "redis:\n  url: \"" << options_.redisUrl << "\"\n  prefix: \""
           << (options_.redisPrefix.empty() ? uniqueRedisPrefix() : options_.redisPrefix) << "\"\n";
    if (!options_.pluginDirs.empty()) {
        config << "plugin_dirs:\n";
        for (const auto& d : options_.pluginDirs) config << "  - \"" << d.string() << "\"\n";
    }
    config << "plugins:\n" << options_.pluginsYaml << options_.extraYaml;
    config.close();

    const std::string binary = options_.binary.empty() ? std::string(OCOMMS_TEST_BINARY) : options_.binary.string();
    pid_ = spawnProcess({binary, "serve", "--config", configFile_.string()}, logFile_, {});
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (auto exited = waitForExit(pid_, std::chrono::milliseconds(0))) {
            pid_ = -1;
            throw std::runtime_error("ocomms serve exited with " + std::to_string(*exited) + ":\n" + output());
        }
        try {
            if (get("/api/health/live").status == 200) return;
        } catch (const std::exception&) {
            // not listening yet
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stopProcess(pid_, SIGKILL, timeout);
    pid_ = -1;
    throw std::runtime_error("ocomms serve did not answer within the start timeout:\n" + output());
}

int ServerProcess::stop(std::chrono::seconds timeout) {
    if (pid_ <= 0) return -1;
    const int code = stopProcess(pid_, SIGTERM, timeout);
    pid_ = -1;
    return code;
}

int ServerProcess::crash() {
    if (pid_ <= 0) return -1;
    const int code = stopProcess(pid_, SIGKILL, std::chrono::seconds(30));
    pid_ = -1;
    return code;
}

std::string ServerProcess::output() const { return readText(logFile_); }

}  // namespace ocomms::test
