#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "redis/RedisClient.hpp"
#include "support/ErrorMessage.hpp"
#include "support/RedisTestTools.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::redis {
namespace {

using namespace std::chrono_literals;


RedisUrl testServer() { return parseRedisUrl(test::redisUrl()); }

/// Stands in for a Redis that restarts: answers one command per connection with PONG, then hangs up.
class HangingUpServer {
public:
    HangingUpServer() {
        // hiredis writes with write(2); a write to a socket that was reset must not kill the test.
        std::signal(SIGPIPE, SIG_IGN);
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::listen(listener_, 4) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            throw std::runtime_error("cannot listen on 127.0.0.1");
        }
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~HangingUpServer() {
        ::shutdown(listener_, SHUT_RDWR);  // wakes the blocked accept()
        thread_.join();
        ::close(listener_);
    }
    HangingUpServer(const HangingUpServer&) = delete;
    HangingUpServer& operator=(const HangingUpServer&) = delete;

    int port() const { return port_; }
    int connections() const { return connections_.load(); }

private:
    void serve() {
        for (;;) {
            const int connection = ::accept(listener_, nullptr, nullptr);
            if (connection < 0) return;
            ++connections_;
            char request[256];
            if (::read(connection, request, sizeof request) > 0) {
                [[maybe_unused]] const auto written = ::write(connection, "+PONG\r\n", 7);
            }
            ::close(connection);
        }
    }

    int listener_ = -1;
    int port_ = 0;
    std::atomic<int> connections_{0};
    std::thread thread_;
};

TEST(RedisClient, PingAnswersAgainstTheTestServer) {
    RedisClient client(testServer(), 2s);
    EXPECT_NO_THROW(client.ping());
    EXPECT_NO_THROW(client.ping());
}

TEST(RedisClient, ClosedPortErrorNamesTheEndpoint) {
    RedisClient client(parseRedisUrl("redis://127.0.0.1:1"), 1s);
    const auto start = std::chrono::steady_clock::now();
    const std::string message = test::errorMessageOf<RedisError>([&] { client.ping(); });
    EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
    EXPECT_NE(message.find("refused"), std::string::npos) << message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(RedisClient, RejectedPasswordIsNotInTheError) {
    RedisUrl url = testServer();
    url.password = "Sup3rSecret";
    RedisClient client(url, 2s);
    const std::string message = test::errorMessageOf<RedisError>([&] { client.ping(); });
    EXPECT_NE(message.find(url.endpoint()), std::string::npos) << message;
    EXPECT_NE(message.find("AUTH"), std::string::npos) << message;
    EXPECT_EQ(message.find("Sup3rSecret"), std::string::npos) << message;
}

TEST(RedisClient, SelectsTheDatabaseOfTheUrl) {
    RedisUrl url = testServer();
    url.db = 1;
    EXPECT_NO_THROW(RedisClient(url, 2s).ping());
    url.db = 100000;
    const std::string message = test::errorMessageOf<RedisError>([&] { RedisClient(url, 2s).ping(); });
    EXPECT_NE(message.find("SELECT"), std::string::npos) << message;
}

TEST(RedisClient, ReconnectsAfterTheServerHungUp) {
    HangingUpServer server;
    RedisClient client(parseRedisUrl("redis://127.0.0.1:" + std::to_string(server.port())), 2s);
    EXPECT_NO_THROW(client.ping());
    const std::string message = test::errorMessageOf<RedisError>([&] { client.ping(); });
    EXPECT_NE(message.find("127.0.0.1:" + std::to_string(server.port())), std::string::npos) << message;
    EXPECT_NO_THROW(client.ping());
    EXPECT_EQ(server.connections(), 2);
}

TEST(RedisClient, CommandsReturnIntegersStringsNilAndArrays) {
    RedisClient client(testServer(), 2s);
    const std::string key = test::uniqueRedisPrefix() + "k";
    EXPECT_TRUE(client.command({"GET", key}).isNil());
    EXPECT_EQ(client.command({"SET", key, std::string("v\0w", 3), "PX", "60000"}).text, "OK");
    EXPECT_EQ(client.command({"GET", key}).text, std::string("v\0w", 3));
    EXPECT_EQ(client.command({"DEL", key}).integer, 1);
    const RedisReply array = client.command({"MGET", key, key});
    ASSERT_EQ(array.kind, RedisReply::Kind::Array);
    ASSERT_EQ(array.elements.size(), 2u);
    EXPECT_TRUE(array.elements[0].isNil());
}

TEST(RedisClient, PipelineAnswersInOrderAndAnErrorNamesItsCommandWithoutLosingTheConnection) {
    RedisClient client(testServer(), 2s);
    const std::string key = test::uniqueRedisPrefix() + "n";
    const auto replies = client.pipeline({{"INCR", key}, {"INCR", key}, {"PEXPIRE", key, "60000"}});
    ASSERT_EQ(replies.size(), 3u);
    EXPECT_EQ(replies[0].integer, 1);
    EXPECT_EQ(replies[1].integer, 2);
    const std::string message = test::errorMessageOf<RedisError>(
        [&] { client.pipeline({{"INCR", key}, {"HGET", key, "field"}, {"INCR", key}}); });
    EXPECT_NE(message.find("HGET failed"), std::string::npos) << message;
    // Every reply of the failed pipeline was read: the connection is still in step.
    EXPECT_EQ(client.command({"INCR", key}).integer, 5);
}

}  // namespace
}  // namespace ocomms::redis
