// Debian's nginx (OCOMMS_TEST_NGINX) in front of a test server, with the shipped docker/nginx/default.conf
// changed in two lines only: its upstream points at the server's loopback port and it listens on a free
// loopback port. Runs in the foreground as a child process of the test, in a temporary folder of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include <sys/types.h>

#include "support/ServerProcess.hpp"

namespace ocomms::test {

/// docker/nginx/default.conf, as the compose deployment mounts it into nginx's conf.d.
inline const std::filesystem::path kShippedNginxSite = OCOMMS_TEST_SOURCE_DIR "/docker/nginx/default.conf";

/// The text of `site` with the upstream line `server app:8080;` replaced by `server 127.0.0.1:<upstreamPort>;`
/// and `listen 80;` by `listen 127.0.0.1:<listenPort>;`, nothing else changed. Throws std::runtime_error
/// naming the file and the line when either is not there exactly once, so that an edit of the shipped
/// file that the tests could no longer follow breaks them instead of going unseen.
std::string renderNginxSite(const std::filesystem::path& site, std::uint16_t upstreamPort, std::uint16_t listenPort);

class NginxProxy {
public:
    /// Renders the shipped site for `upstreamPort`, checks the configuration with `nginx -t`, starts nginx
    /// and waits until /nginx-health answers. Throws with nginx's output and error log when a step fails.
    explicit NginxProxy(std::uint16_t upstreamPort, std::chrono::seconds timeout = std::chrono::seconds(30));
    /// Stops nginx with SIGTERM (its fast shutdown, which open WebSockets do not hold up) and waits.
    ~NginxProxy();
    NginxProxy(const NginxProxy&) = delete;
    NginxProxy& operator=(const NginxProxy&) = delete;

    std::uint16_t port() const { return port_; }
    std::filesystem::path accessLog() const { return dir_.path() / "access.log"; }
    std::filesystem::path errorLog() const { return dir_.path() / "error.log"; }
    /// The rendered site, as nginx reads it.
    std::filesystem::path siteConfig() const { return dir_.path() / "default.conf"; }

private:
    std::filesystem::path mainConfig() const { return dir_.path() / "nginx.conf"; }
    void writeMainConfig() const;
    /// nginx's command line with `extra` arguments before the configuration's.
    std::vector<std::string> command(std::initializer_list<std::string> extra) const;
    /// What nginx printed and logged, for error messages.
    std::string diagnostics() const;
    void waitUntilHealthy(std::chrono::seconds timeout);

    TempDir dir_;
    std::string binary_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace ocomms::test
