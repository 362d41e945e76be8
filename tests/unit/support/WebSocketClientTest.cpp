// The test client against the real ConnectionLoops over loopback TCP: the test plays the HTTP part of
// the server (answering the upgrade with Handshake.hpp's acceptKey) and hands the socket to the loops,
// which echo text messages.
#include "support/WebSocketClient.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <future>
#include <map>
#include <memory>

#include <gtest/gtest.h>

#include "realtime/ConnectionLoops.hpp"
#include "realtime/websocket/FrameParser.hpp"
#include "realtime/websocket/FrameWriter.hpp"
#include "realtime/websocket/Handshake.hpp"
#include "support/CapturingLogger.hpp"
#include "support/LoopbackListener.hpp"
#include "unit/realtime/RecordingConnectionEvents.hpp"

namespace ocomms::test {
namespace {

using namespace std::chrono_literals;
using realtime::ConnectionId;
using realtime::websocket::CloseCode;
using realtime::websocket::Opcode;

/// Echoes every text message, and records what the loops report.
class EchoEvents final : public realtime::ConnectionEvents {
public:
    void onText(ConnectionId id, std::string message) override {
        loops->sendText(id, message);
        recorded.onText(id, std::move(message));
    }
    void onClosed(ConnectionId id, std::uint16_t code, const std::string& reason) override {
        recorded.onClosed(id, code, reason);
    }

    realtime::ConnectionLoops* loops = nullptr;
    realtime::test::RecordingConnectionEvents recorded;
};

struct Accepted {
    int fd = -1;
    std::string requestHead;
};

/// Accepts one connection, reads its request head and writes what `answer` makes of it.
std::future<Accepted> answerNext(const LoopbackListener& listener,
                                 std::function<std::string(const std::string& requestHead)> answer) {
    return std::async(std::launch::async, [&listener, answer = std::move(answer)] {
        Accepted accepted{listener.accept(), {}};
        char byte = 0;
        while (accepted.requestHead.find("\r\n\r\n") == std::string::npos && ::recv(accepted.fd, &byte, 1, 0) == 1) {
            accepted.requestHead.push_back(byte);
        }
        const std::string response = answer(accepted.requestHead);
        [[maybe_unused]] const auto written = ::send(accepted.fd, response.data(), response.size(), MSG_NOSIGNAL);
        return accepted;
    });
}

std::string headerValue(const std::string& head, const std::string& name) {
    const auto at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos) return {};
    const auto start = at + name.size() + 4;
    return head.substr(start, head.find("\r\n", start) - start);
}

std::string switchingProtocols(const std::string& requestHead) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " + realtime::websocket::acceptKey(headerValue(requestHead, "Sec-WebSocket-Key")) +
           "\r\n\r\n";
}

class WebSocketClientTest : public ::testing::Test {
protected:
    void SetUp() override {
        limits.maxMessageBytes = 128 * 1024;
        loops = std::make_unique<realtime::ConnectionLoops>(1, limits, events, logger);
        events.loops = loops.get();
        loops->start();
    }
    void TearDown() override { loops->stop(0ms); }

    struct Connected {
        WebSocketClient client;
        ConnectionId id;
        std::string requestHead;
    };

    /// A client whose upgrade the test answered with 101 and whose socket the loops now own.
    Connected connectToLoops(const std::map<std::string, std::string>& headers = {}) {
        auto server = answerNext(listener, switchingProtocols);
        WebSocketClient client = WebSocketClient::connect("127.0.0.1", listener.port(), "/api/ws", headers);
        Accepted accepted = server.get();
        const ConnectionId id = loops->adopt(accepted.fd);
        return {std::move(client), id, accepted.requestHead};
    }

    CapturingLogger logger;
    realtime::ConnectionLimits limits;
    EchoEvents events;
    std::unique_ptr<realtime::ConnectionLoops> loops;
    LoopbackListener listener;
};

TEST_F(WebSocketClientTest, UpgradeRequestCarriesAWellFormedKeyAndTheGivenHeaders) {
    auto peer = connectToLoops({{"Authorization", "Bearer abc"}});
    EXPECT_EQ(peer.requestHead.rfind("GET /api/ws HTTP/1.1\r\n", 0), 0u) << peer.requestHead;
    EXPECT_TRUE(realtime::websocket::isWellFormedClientKey(headerValue(peer.requestHead, "Sec-WebSocket-Key")));
    EXPECT_EQ(headerValue(peer.requestHead, "Sec-WebSocket-Version"), "13");
    EXPECT_EQ(headerValue(peer.requestHead, "Upgrade"), "websocket");
    EXPECT_EQ(headerValue(peer.requestHead, "Authorization"), "Bearer abc");
}

TEST_F(WebSocketClientTest, HeaderGivenEmptyIsLeftOutOfTheRequest) {
    auto peer = connectToLoops({{"Sec-WebSocket-Version", ""}});
    EXPECT_EQ(peer.requestHead.find("Sec-WebSocket-Version"), std::string::npos) << peer.requestHead;
}

TEST_F(WebSocketClientTest, TextMessageRoundTrips) {
    auto peer = connectToLoops();
    peer.client.sendText("hello");
    const auto frame = peer.client.receive();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->opcode, Opcode::Text);
    EXPECT_FALSE(frame->masked);
    EXPECT_EQ(frame->payload, "hello");
}

TEST_F(WebSocketClientTest, MessageOf70000BytesRoundTripsWithA64BitLength) {
    auto peer = connectToLoops();
    std::string big(70000, 'x');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
    peer.client.sendText(big);
    const auto frame = peer.client.receive();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->payload.size(), big.size());
    EXPECT_EQ(frame->payload, big);
}

TEST_F(WebSocketClientTest, FragmentedMessageArrivesWhole) {
    auto peer = connectToLoops();
    peer.client.sendFrame(Opcode::Text, "hel", false);
    peer.client.sendFrame(Opcode::Continuation, "lo");
    const auto message = peer.client.receive();
    ASSERT_TRUE(message.has_value());
    EXPECT_EQ(message->payload, "hello");
}

TEST_F(WebSocketClientTest, WaitForSkipsOtherMessagesAndKeepsThemInOrder) {
    auto peer = connectToLoops();
    peer.client.sendJson({{"type", "a"}});
    peer.client.sendJson({{"type", "b"}});
    peer.client.sendJson({{"type", "c"}, {"n", 3}});
    const auto c = peer.client.waitFor("c");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ((*c)["n"], 3);
    EXPECT_EQ(peer.client.receiveJson().value_or(nullptr), (nlohmann::json{{"type", "a"}}));
    const auto b = peer.client.waitFor([](const nlohmann::json& m) { return m["type"] == "b"; });
    EXPECT_EQ(b.value_or(nullptr), (nlohmann::json{{"type", "b"}}));
    EXPECT_FALSE(peer.client.receiveJson(50ms).has_value());
}

TEST_F(WebSocketClientTest, PingIsAnsweredByTheServerWithAPong) {
    auto peer = connectToLoops();
    peer.client.ping("still there?");
    const auto frame = peer.client.receive();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(frame->opcode, Opcode::Pong);
    EXPECT_EQ(frame->payload, "still there?");
}

TEST_F(WebSocketClientTest, CloseHandshakeStartedByTheClientReturnsTheServersCode) {
    auto peer = connectToLoops();
    EXPECT_EQ(peer.client.close(4001, "bye"), std::optional<std::uint16_t>(4001));
    const auto closed = events.recorded.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, 4001);
    EXPECT_EQ(closed->reason, "bye");
    EXPECT_TRUE(peer.client.waitForEndOfStream());
}

TEST_F(WebSocketClientTest, CloseStartedByTheServerIsReportedAndAnswered) {
    auto peer = connectToLoops();
    loops->close(peer.id, 4002, "kicked");
    EXPECT_EQ(peer.client.waitForClose(), std::optional<std::uint16_t>(4002));
    EXPECT_EQ(peer.client.closeReason(), "kicked");
    const auto closed = events.recorded.waitForClosed(peer.id);  // only once the client answered
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, 4002);
    EXPECT_TRUE(peer.client.waitForEndOfStream());
}

TEST_F(WebSocketClientTest, MessagesReadWhileWaitingForCloseStayAvailable) {
    auto peer = connectToLoops();
    peer.client.sendText("before");
    EXPECT_EQ(peer.client.close(), std::optional<std::uint16_t>(CloseCode::Normal));
    const auto kept = peer.client.receive(0ms);
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->payload, "before");
}

TEST_F(WebSocketClientTest, UnmaskedFrameIsRefusedByTheServerWith1002) {
    auto peer = connectToLoops();
    peer.client.sendFrame(Opcode::Text, "naked", true, false);
    EXPECT_EQ(peer.client.waitForClose(), std::optional<std::uint16_t>(CloseCode::ProtocolError));
}

TEST_F(WebSocketClientTest, AbortIsSeenByTheServerAsAnAbnormalClosure) {
    auto peer = connectToLoops();
    peer.client.abort();
    const auto closed = events.recorded.waitForClosed(peer.id);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->code, 1006);
}

TEST_F(WebSocketClientTest, ServerPingIsAnsweredWithAMaskedPong) {
    // The test is the server here: it pings and parses the answer with the server's own frame parser.
    auto server = answerNext(listener, [](const std::string& head) {
        return switchingProtocols(head) + realtime::websocket::pingFrame("beat");
    });
    WebSocketClient client = WebSocketClient::connect("127.0.0.1", listener.port(), "/");
    const int serverFd = server.get().fd;
    const auto ping = client.receive();
    ASSERT_TRUE(ping.has_value());
    EXPECT_EQ(ping->opcode, Opcode::Ping);

    realtime::websocket::FrameParser parser(1024);
    std::string received;
    std::optional<realtime::websocket::FrameEvent> event;
    char chunk[256];
    while (!event) {
        const ssize_t n = ::recv(serverFd, chunk, sizeof chunk, 0);
        ASSERT_GT(n, 0);
        received.append(chunk, static_cast<std::size_t>(n));
        std::string_view input(received);
        event = parser.next(input);
        received.erase(0, received.size() - input.size());
    }
    EXPECT_EQ(event->kind, realtime::websocket::FrameEvent::Kind::Pong);  // a ProtocolError if it were unmasked
    EXPECT_EQ(event->payload, "beat");
    ::close(serverFd);
}

TEST_F(WebSocketClientTest, RefusedUpgradeReportsTheStatusAndTheJsonBody) {
    const std::string body = R"({"error":{"code":"unauthorized","message":"sign in first"}})";
    auto server = answerNext(listener, [&](const std::string&) {
        return "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    });
    const HandshakeResult result = WebSocketClient::handshake("127.0.0.1", listener.port(), "/api/ws");
    ::close(server.get().fd);
    EXPECT_FALSE(result.client.has_value());
    EXPECT_EQ(result.response.status, 401);
    EXPECT_EQ(result.response.headers.at("content-type"), "application/json");
    EXPECT_EQ(nlohmann::json::parse(result.response.body)["error"]["code"], "unauthorized");
    EXPECT_NE(result.problem.find("401"), std::string::npos) << result.problem;
}

TEST_F(WebSocketClientTest, ConnectThrowsForARefusedUpgradeWithTheAnswer) {
    auto server = answerNext(listener, [](const std::string&) {
        return std::string("HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "9\r\n{\"error\":\r\n5\r\n\"no\"}\r\n0\r\n\r\n");
    });
    try {
        WebSocketClient::connect("127.0.0.1", listener.port(), "/api/ws");
        ADD_FAILURE() << "connect succeeded";
    } catch (const HandshakeRefused& refused) {
        EXPECT_EQ(refused.response.status, 403);
        EXPECT_EQ(refused.response.body, R"({"error":"no"})");
        EXPECT_NE(std::string(refused.what()).find("403"), std::string::npos) << refused.what();
    }
    ::close(server.get().fd);
}

TEST_F(WebSocketClientTest, WrongAcceptKeyIsRefused) {
    auto server = answerNext(listener, [](const std::string&) {
        return std::string("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBrZXk=\r\n\r\n");
    });
    const HandshakeResult result = WebSocketClient::handshake("127.0.0.1", listener.port(), "/");
    ::close(server.get().fd);
    EXPECT_EQ(result.response.status, 101);
    EXPECT_FALSE(result.client.has_value());
    EXPECT_NE(result.problem.find("Sec-WebSocket-Accept"), std::string::npos) << result.problem;
}

TEST(ServerFrameReader, ReadsA64BitLengthSplitAnywhere) {
    const std::string payload(70000, 'y');
    const std::string frame = realtime::websocket::textFrame(payload);
    ASSERT_EQ(static_cast<std::uint8_t>(frame[1]), 127);  // the 64-bit length form
    ServerFrameReader reader;
    for (std::size_t at = 0; at + 1 < frame.size(); at += 7000) {
        reader.append(std::string_view(frame).substr(at, std::min<std::size_t>(7000, frame.size() - 1 - at)));
        EXPECT_FALSE(reader.next().has_value());
    }
    reader.append(frame.substr(frame.size() - 1));
    const auto read = reader.next();
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->payload, payload);
    EXPECT_TRUE(read->fin);
}

TEST(ServerFrameReader, UnmasksAMaskedFrameAndSaysItWasMasked) {
    ServerFrameReader reader;
    reader.append(realtime::websocket::encodeMaskedFrame(Opcode::Text, "masked", true, {1, 2, 3, 4}));
    const auto read = reader.next();
    ASSERT_TRUE(read.has_value());
    EXPECT_TRUE(read->masked);
    EXPECT_EQ(read->payload, "masked");
}

}  // namespace
}  // namespace ocomms::test
