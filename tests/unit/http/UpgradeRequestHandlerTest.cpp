#include <unistd.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <nlohmann/json.hpp>

#include "http/HttpServer.hpp"
#include "support/CapturingLogger.hpp"

namespace ocomms::http {
namespace {

using namespace std::chrono_literals;
using test::CapturingLogger;

const char* const kUpgradeRequest =
    "GET /upgrade?x=1 HTTP/1.1\r\nHost: localhost\r\nUpgrade: test\r\nConnection: Upgrade\r\n"
    "X-Request-Id: upgrade-1\r\n";

/// Switches every request it is given, unless it carries X-Refuse; keeps the descriptors it took.
class KeepingEndpoint final : public UpgradeEndpoint {
public:
    ~KeepingEndpoint() override {
        for (const int fd : taken) ::close(fd);
    }
    std::optional<Response> upgrade(const Request& request, ConnectionTakeover& takeover) override {
        std::lock_guard lock(mutex);
        requests.push_back(request);
        if (request.header("X-Refuse")) return Response::error(418, "refused", "not today");
        const auto fd = takeover.switchProtocols({{"Upgrade", "test"}, {"Connection", "Upgrade"}});
        if (!fd) return Response::error(400, "early_data", "sent before the 101");
        taken.push_back(*fd);
        return std::nullopt;
    }

    std::mutex mutex;
    std::vector<Request> requests;
    std::vector<int> taken;
};

/// A raw client connection: what HTTP clients hide (the socket after a 101) is the point here.
class RawClient {
public:
    explicit RawClient(std::uint16_t port) : socket_(Poco::Net::SocketAddress("127.0.0.1", port)) {
        socket_.setReceiveTimeout(Poco::Timespan(10, 0));
    }
    void send(const std::string& bytes) { socket_.sendBytes(bytes.data(), static_cast<int>(bytes.size())); }
    /// Reads until `text` has arrived (or the connection ends or times out); returns everything read.
    std::string readUntil(const std::string& text) {
        char buffer[4096];
        while (received_.find(text) == std::string::npos) {
            const int n = socket_.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) break;
            received_.append(buffer, static_cast<std::size_t>(n));
        }
        return received_;
    }
    /// True when the server closes the connection (reads nothing more).
    bool closedByServer() {
        char buffer[4096];
        while (true) {
            const int n = socket_.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) return true;
            received_.append(buffer, static_cast<std::size_t>(n));
        }
    }

private:
    Poco::Net::StreamSocket socket_;
    std::string received_;
};

std::string readAll(int fd, std::size_t size) {
    std::string bytes(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd, bytes.data() + got, size - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    return bytes;
}

class UpgradeRequestHandlerTest : public ::testing::Test {
protected:
    void start(std::vector<std::string> trustedProxies = {}) {
        HttpServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        options.threads = 2;
        options.trustedProxies = std::move(trustedProxies);
        server = std::make_unique<HttpServer>(options, routes, accessLog, errorLog);
        server->addUpgradeEndpoint("/upgrade", "core", endpoint);
        server->start();
    }

    RouteTable routes;
    CapturingLogger accessLog;
    CapturingLogger errorLog;
    KeepingEndpoint endpoint;
    std::unique_ptr<HttpServer> server;
};

TEST_F(UpgradeRequestHandlerTest, SwitchedConnectionBelongsToTheEndpointAndOutlivesTheHttpServer) {
    start();
    RawClient client(server->port());
    client.send(std::string(kUpgradeRequest) + "\r\n");
    const std::string head = client.readUntil("\r\n\r\n");
    EXPECT_EQ(head.rfind("HTTP/1.1 101 Switching Protocols\r\n", 0), 0U) << head;
    EXPECT_NE(head.find("\r\nUpgrade: test\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("\r\nConnection: Upgrade\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("\r\nX-Request-Id: upgrade-1\r\n"), std::string::npos) << head;
    EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
    EXPECT_TRUE(accessLog.waitForLine("GET /upgrade 101 0B"));
    EXPECT_TRUE(accessLog.contains("rid=upgrade-1"));
    EXPECT_TRUE(accessLog.contains("plugin=core"));

    // Stopping HTTP shuts its connections down; the taken one is no longer among them.
    server->stop(1s);
    ASSERT_EQ(endpoint.taken.size(), 1U);
    const int fd = endpoint.taken[0];
    client.send("after");
    EXPECT_EQ(readAll(fd, 5), "after");
    ASSERT_EQ(::write(fd, "still here", 10), 10);
    EXPECT_NE(client.readUntil("still here").find("still here"), std::string::npos);

    ASSERT_EQ(endpoint.requests.size(), 1U);
    EXPECT_EQ(endpoint.requests[0].path, "/upgrade");
    EXPECT_EQ(endpoint.requests[0].queryValue("x"), "1");
    EXPECT_EQ(endpoint.requests[0].requestId, "upgrade-1");
}

TEST_F(UpgradeRequestHandlerTest, RefusalIsAJsonAnswerThatClosesTheConnection) {
    start();
    RawClient client(server->port());
    client.send(std::string(kUpgradeRequest) + "X-Refuse: yes\r\n\r\n");
    const std::string head = client.readUntil("}}");
    EXPECT_EQ(head.rfind("HTTP/1.1 418", 0), 0U) << head;
    EXPECT_NE(head.find(R"({"error":{"code":"refused","message":"not today"}})"), std::string::npos) << head;
    EXPECT_TRUE(client.closedByServer());
    EXPECT_TRUE(accessLog.waitForLine("GET /upgrade 418"));
}

TEST_F(UpgradeRequestHandlerTest, OnlyGetCanUpgrade) {
    start();
    RawClient client(server->port());
    client.send("POST /upgrade HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
    const std::string head = client.readUntil("}}");
    EXPECT_EQ(head.rfind("HTTP/1.1 405", 0), 0U) << head;
    EXPECT_NE(head.find("\r\nAllow: GET\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find(R"("code":"method_not_allowed")"), std::string::npos) << head;
    EXPECT_TRUE(endpoint.requests.empty());
}

TEST_F(UpgradeRequestHandlerTest, BytesSentWithTheRequestAreNotLostButRefused) {
    start();
    RawClient client(server->port());
    client.send(std::string(kUpgradeRequest) + "\r\nframe-before-101");
    const std::string head = client.readUntil("}}");
    EXPECT_EQ(head.rfind("HTTP/1.1 400", 0), 0U) << head;
    EXPECT_NE(head.find(R"("code":"early_data")"), std::string::npos) << head;
    EXPECT_TRUE(endpoint.taken.empty());
}

TEST_F(UpgradeRequestHandlerTest, ClientAddressFollowsXForwardedForFromATrustedProxy) {
    start({"127.0.0.1"});
    RawClient client(server->port());
    client.send(std::string(kUpgradeRequest) + "X-Forwarded-For: 203.0.113.9\r\n\r\n");
    client.readUntil("\r\n\r\n");
    std::lock_guard lock(endpoint.mutex);
    ASSERT_EQ(endpoint.requests.size(), 1U);
    EXPECT_EQ(endpoint.requests[0].remoteAddress, "203.0.113.9");
}

TEST_F(UpgradeRequestHandlerTest, OtherPathsAreRoutedAsUsual) {
    routes.add("core", nullptr, Method::Get, "/upgrade/more", Access::Public,
               [](const Request&) { return Response::text("routed"); });
    start();
    RawClient client(server->port());
    client.send("GET /upgrade/more HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    client.closedByServer();
    EXPECT_NE(client.readUntil("routed").find("\r\n\r\nrouted"), std::string::npos);
    EXPECT_TRUE(endpoint.requests.empty());
}

}  // namespace
}  // namespace ocomms::http
