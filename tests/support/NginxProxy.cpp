#include "support/NginxProxy.hpp"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/ChildProcess.hpp"
#include "support/FileContents.hpp"
#include "support/TestDatabases.hpp"
#include "util/Trim.hpp"

namespace ocomms::test {
namespace {

/// Replaces the one line of `lines` that reads `expected` (apart from indentation) with `replacement`,
/// keeping the indentation.
void replaceLine(std::vector<std::string>& lines, const std::filesystem::path& file, const std::string& expected,
                 const std::string& replacement) {
    std::vector<std::string*> found;
    for (auto& line : lines) {
        if (util::trimBlanks(line) == expected) found.push_back(&line);
    }
    if (found.size() != 1) {
        throw std::runtime_error(file.string() + ": expected the line '" + expected + "' exactly once, found it " +
                                 std::to_string(found.size()) + " times; the nginx proxy tests render this file");
    }
    std::string& line = *found.front();
    line = line.substr(0, line.find_first_not_of(" \t")) + replacement;
}

}  // namespace

std::string renderNginxSite(const std::filesystem::path& site, std::uint16_t upstreamPort, std::uint16_t listenPort) {
    std::ifstream in(site);
    if (!in) throw std::runtime_error("cannot read " + site.string());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    replaceLine(lines, site, "server app:8080;", "server 127.0.0.1:" + std::to_string(upstreamPort) + ";");
    replaceLine(lines, site, "listen 80;", "listen 127.0.0.1:" + std::to_string(listenPort) + ";");
    std::string text;
    for (const auto& line : lines) text += line + '\n';
    return text;
}

NginxProxy::NginxProxy(std::uint16_t upstreamPort, std::chrono::seconds timeout)
    : binary_(requireEnv("OCOMMS_TEST_NGINX")), port_(freeLoopbackPort()) {
    std::ofstream(siteConfig()) << renderNginxSite(kShippedNginxSite, upstreamPort, port_);
    writeMainConfig();
    const auto check = runCommand(command({"-t"}));
    if (check.exitCode != 0) {
        throw std::runtime_error("nginx -t refused " + mainConfig().string() + " (site rendered from " +
                                 kShippedNginxSite.string() + "):\n" + check.output);
    }
    pid_ = spawnProcess(command({"-g", "daemon off;"}), dir_.path() / "nginx.out");
    try {
        waitUntilHealthy(timeout);
    } catch (...) {
        if (pid_ > 0) stopProcess(pid_, SIGTERM, std::chrono::seconds(10));
        throw;
    }
}

NginxProxy::~NginxProxy() {
    if (pid_ > 0) stopProcess(pid_, SIGTERM, std::chrono::seconds(10));
}

void NginxProxy::writeMainConfig() const {
    const std::string dir = dir_.path().string();
    std::ofstream config(mainConfig());
    // Started by root (as in CI), nginx would run its workers as nobody, who may not be allowed into this
    // root-owned temporary folder (it depends on the umask) to write its temporary files.
    if (geteuid() == 0) config << "user root;\n";
    config << "worker_processes 1;\n"
           << "pid " << dir << "/nginx.pid;\n"
           << "error_log " << dir << "/error.log;\n"
           << "events {}\n"
           << "http {\n"
           << "    access_log " << dir << "/access.log;\n"
           << "    client_body_temp_path " << dir << "/client_body_temp;\n"
           << "    proxy_temp_path " << dir << "/proxy_temp;\n"
           << "    fastcgi_temp_path " << dir << "/fastcgi_temp;\n"
           << "    uwsgi_temp_path " << dir << "/uwsgi_temp;\n"
           << "    scgi_temp_path " << dir << "/scgi_temp;\n"
           << "    include " << siteConfig().string() << ";\n"
           << "}\n";
}

std::vector<std::string> NginxProxy::command(std::initializer_list<std::string> extra) const {
    std::vector<std::string> argv{binary_};
    argv.insert(argv.end(), extra);
    // -e: nginx opens its error log before it reads the configuration, by default in /var/log/nginx.
    argv.insert(argv.end(), {"-p", dir_.path().string() + "/", "-c", mainConfig().string(), "-e", errorLog().string()});
    return argv;
}

std::string NginxProxy::diagnostics() const {
    return "nginx's output:\n" + readText(dir_.path() / "nginx.out") + "\nits error log:\n" + readText(errorLog());
}

void NginxProxy::waitUntilHealthy(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (const auto exited = waitForExit(pid_, std::chrono::milliseconds(0))) {
            pid_ = -1;
            throw std::runtime_error("nginx exited with " + std::to_string(*exited) + " at start; " + diagnostics());
        }
        try {
            if (httpRequest(port_, "GET", "/nginx-health").status == 200) return;
        } catch (const std::exception&) {
            // not listening yet
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("nginx did not answer /nginx-health on port " + std::to_string(port_) + " within " +
                             std::to_string(timeout.count()) + " s; " + diagnostics());
}

}  // namespace ocomms::test
