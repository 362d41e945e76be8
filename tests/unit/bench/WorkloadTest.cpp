#include "UpgradeHandshake.hpp"
#include "Workload.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ocomms::bench {
namespace {

Workload workloadOf(std::size_t connections, std::size_t channels, std::size_t senders) {
    LoadOptions options;
    options.connections = connections;
    options.channels = channels;
    options.senders = senders;
    return anonymousWorkload(options);
}

TEST(Workload, ChannelsGetEqualContiguousBlocks) {
    const auto workload = workloadOf(1003, 10, 10);
    std::size_t total = 0;
    for (std::size_t channel = 0; channel < 10; ++channel) {
        const auto first = workload.firstConnectionOf(channel);
        EXPECT_EQ(workload.channelOf(first), channel);
        if (first > 0) {
            EXPECT_EQ(workload.channelOf(first - 1), channel - 1);
        }
        EXPECT_GE(workload.subscribersOf(channel), 100u);
        EXPECT_LE(workload.subscribersOf(channel), 101u);
        total += workload.subscribersOf(channel);
    }
    EXPECT_EQ(total, 1003u);
    EXPECT_EQ(workload.channelIds.front(), 1);
    EXPECT_EQ(workload.channelIds.back(), 10);
}

TEST(Workload, SendersSpreadOverTheChannels) {
    const auto workload = workloadOf(1000, 10, 10);
    std::set<std::size_t> channels;
    for (std::size_t sender = 0; sender < 10; ++sender) channels.insert(workload.channelOf(workload.connectionOfSender(sender)));
    EXPECT_EQ(channels.size(), 10u);
}

TEST(UpgradeHandshake, AcceptsOnlyA101WithTheRightAcceptKey) {
    // The key and answer of RFC 6455 section 1.3.
    const std::string key = "dGhlIHNhbXBsZSBub25jZQ==";
    const std::string accepted = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    EXPECT_EQ(upgradeRefusal(accepted, key), "");
    EXPECT_NE(upgradeRefusal("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", key), "");
    EXPECT_NE(upgradeRefusal("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: wrong=\r\n\r\n", key), "");
}

TEST(UpgradeHandshake, RequestNamesTheTargetKeyAndToken) {
    const auto request = upgradeRequest("127.0.0.1", 8080, "/api/ws", "a2V5", "secret-token");
    EXPECT_EQ(request.rfind("GET /api/ws HTTP/1.1\r\n", 0), 0u);
    EXPECT_NE(request.find("Sec-WebSocket-Key: a2V5\r\n"), std::string::npos);
    EXPECT_NE(request.find("Authorization: Bearer secret-token\r\n"), std::string::npos);
    EXPECT_EQ(request.substr(request.size() - 4), "\r\n\r\n");
    EXPECT_EQ(upgradeRequest("127.0.0.1", 8080, "/", "a2V5", "").find("Authorization"), std::string::npos);
}

}  // namespace
}  // namespace ocomms::bench
