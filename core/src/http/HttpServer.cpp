#include "http/HttpServer.hpp"

#include <future>
#include <stdexcept>
#include <thread>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include "http/RequestHandler.hpp"
#include "http/ServerState.hpp"

namespace ocomms::http {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kListenBacklog = 256;
constexpr int kMaxQueuedConnections = 256;
// Poco hands a connection to a new worker while the one that just finished may not be back in the pool
// yet; a little spare capacity keeps that from failing and leaving the connection queued.
constexpr int kSparePoolThreads = 4;
// After stop() has shut every connection down, how long workers get to notice before being left behind.
constexpr auto kWorkerDrainTime = std::chrono::seconds(2);

Poco::Net::HTTPServerParams::Ptr serverParams(const HttpServerOptions& options) {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.threads);
    params->setMaxQueued(kMaxQueuedConnections);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(std::chrono::microseconds(options.keepAliveTimeout).count()));
    params->setSoftwareVersion("OComms");
    return params;
}

Poco::Net::ServerSocket listen(const HttpServerOptions& options) {
    try {
        Poco::Net::ServerSocket socket;
        // SO_REUSEADDR to rebind at once after a restart; not SO_REUSEPORT, which Poco's two-argument
        // bind() also sets and which would let a second server share the port without an error.
        socket.bind(Poco::Net::SocketAddress(options.host, options.port), /*reuseAddress=*/true, /*reusePort=*/false);
        socket.listen(kListenBacklog);
        return socket;
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " +
                                 e.displayText());
    }
}

/// stopAll(false) closes idle keep-alive connections at once and lets a connection finish writing the
/// response it is on (Poco holds a lock per connection for that: the end of a chunked body is written
/// after our handler returns). It runs aside so that a client too slow to take its response cannot hold
/// stop() past `deadline`; then stopAll(true) shuts the rest down. Called only with no request inside a
/// handler, so what stopAll(false) waits for cannot outlast the shutdown.
void closeConnections(Poco::Net::HTTPServer& server, Clock::time_point deadline) {
    auto gentle = std::async(std::launch::async, [&server] { server.stopAll(false); });
    if (gentle.wait_until(deadline) != std::future_status::ready) server.stopAll(true);
    gentle.get();
}

bool waitForIdleWorkers(const Poco::ThreadPool& workers, Clock::time_point deadline) {
    while (workers.used() > 0) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace

struct HttpServer::Impl {
    std::shared_ptr<ServerState> state;
    std::unique_ptr<Poco::ThreadPool> workers;  // declared before `server`, which runs on it
    Poco::Net::ServerSocket listener;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    std::uint16_t port = 0;
};

HttpServer::HttpServer(HttpServerOptions options, RouteTable& routes, Logger& accessLog, Logger& errorLog,
                       RequestAuthorizer* authorizer)
    : impl_(std::make_unique<Impl>()) {
    if (options.threads < 1) throw std::invalid_argument("HTTP server needs at least one thread");
    if (options.maxBodyBytes < 0) throw std::invalid_argument("HTTP maximum body size cannot be negative");
    impl_->state = std::make_shared<ServerState>(std::move(options), routes, accessLog, errorLog, authorizer);
}

HttpServer::~HttpServer() {
    try {
        stop(std::chrono::milliseconds(0));
    } catch (...) {
        // Nothing sensible to do in a destructor; stop() itself only fails on exhausted resources.
    }
}

void HttpServer::addUpgradeEndpoint(const std::string& path, std::string owner, UpgradeEndpoint& endpoint) {
    if (impl_->server) throw std::logic_error("upgrade endpoints are added before the HTTP server starts");
    impl_->state->upgrades[path] = UpgradeRoute{std::move(owner), &endpoint};
}

void HttpServer::start() {
    if (impl_->server) throw std::logic_error("HTTP server is already running");
    const HttpServerOptions& options = impl_->state->options;

    Poco::Net::ServerSocket listener = listen(options);
    auto workers = std::make_unique<Poco::ThreadPool>("http", 1, options.threads + kSparePoolThreads);
    auto server = std::make_unique<Poco::Net::HTTPServer>(new RequestHandlerFactory(impl_->state), *workers, listener,
                                                          serverParams(options));
    impl_->state->stopping = false;
    server->start();

    impl_->port = listener.address().port();
    impl_->listener = listener;
    impl_->workers = std::move(workers);
    impl_->server = std::move(server);
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    if (!impl_->server) return;
    const auto deadline = Clock::now() + grace;
    ServerState& state = *impl_->state;

    state.stopping = true;
    impl_->server->stop();      // the acceptor ends; connections accepted but not yet started are dropped
    impl_->listener.close();    // from here a new connection is refused, not left waiting in the backlog
    if (state.inFlight.waitUntilIdle(deadline)) {
        closeConnections(*impl_->server, deadline);
    } else {
        state.errorLog.warn(std::to_string(state.inFlight.count()) + " HTTP request(s) still running after " +
                            std::to_string(grace.count()) + " ms; cutting their connections");
        impl_->server->stopAll(true);
    }

    impl_->server.reset();
    if (waitForIdleWorkers(*impl_->workers, Clock::now() + kWorkerDrainTime)) {
        impl_->workers.reset();
    } else {
        // A handler that ignores its closed connection keeps its thread. Destroying the pool would block
        // up to 10 s per such thread, so the pool is left to the process's exit. Such a thread holds
        // ServerState by shared_ptr; the routes and loggers it may still touch belong to the host.
        state.errorLog.error("HTTP worker thread(s) still busy after stop; leaving them behind");
        static_cast<void>(impl_->workers.release());
    }
}

std::uint16_t HttpServer::port() const { return impl_->port; }

}  // namespace ocomms::http
