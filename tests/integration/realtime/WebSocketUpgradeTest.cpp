// GET /api/ws and POST /api/ws/ticket on the real binary: who may open a WebSocket, what a refusal looks
// like, and what an open connection does up to the server's shutdown.
#include <filesystem>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "identity/IdentityApiClient.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"
#include "support/WebSocketClient.hpp"

namespace ocomms::test {
namespace {

using realtime::websocket::CloseCode;
using realtime::websocket::Opcode;

constexpr const char* kAllowedOrigin = "http://localhost:3000";
constexpr std::size_t kMaxMessageBytes = 1024;  // realtime.max_message_bytes below

ServerOptions webSocketServerOptions(const TestDatabase& database) {
    ServerOptions options;
    options.databaseUrl = database.url();
    // One HTTP thread bounds what Poco's pool can add (see ThreadCountDoesNotGrowWithConnections).
    options.serverYaml = std::string("  threads: 1\n  allowed_origins: [\"") + kAllowedOrigin + "\"]\n";
    options.extraYaml = "realtime:\n  threads: 2\n  workers: 2\n  access_check_interval: 1s\n  max_message_bytes: " +
                        std::to_string(kMaxMessageBytes) + "\n";
    return options;
}

/// Number of threads of a process.
std::size_t threadCount(pid_t pid) {
    const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(tasks), {}));
}

/// Whether the server's output comes to contain `text`: it logs a request after answering it.
bool eventuallyLogged(const ServerProcess& server, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (server.output().find(text) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

/// One server with a signed-in owner, shared by the tests that do not stop it.
class WebSocketUpgrade : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        database_ = std::make_unique<TestDatabase>(TestDatabase::sqlite());
        server_ = std::make_unique<ServerProcess>(webSocketServerOptions(*database_));
        server_->start();
        owner_ = IdentityApiClient(server_->port()).registerFirstUser("owner@ws.test", "ws");
    }
    static void TearDownTestSuite() {
        server_.reset();
        database_.reset();
    }

    static std::uint16_t port() { return server_->port(); }
    static std::map<std::string, std::string> bearer(const std::string& token) {
        return {{"Authorization", "Bearer " + token}};
    }
    static HandshakeResult handshake(const std::string& path, const std::map<std::string, std::string>& headers) {
        return WebSocketClient::handshake("127.0.0.1", port(), path, headers);
    }
    static WebSocketClient connect(const std::map<std::string, std::string>& headers, const std::string& path = "/api/ws") {
        return WebSocketClient::connect("127.0.0.1", port(), path, headers);
    }
    static std::string ticketFor(const Account& account) {
        const auto r = IdentityApiClient(port()).call("POST", "/api/ws/ticket", nullptr, account.token);
        EXPECT_EQ(r.status, 200) << r.body;
        return jsonOf(r).at("ticket").get<std::string>();
    }

    /// A refused handshake answers with the usual JSON error and no upgrade.
    static void expectRefused(const HandshakeResult& result, int status, const std::string& code) {
        EXPECT_FALSE(result.client.has_value());
        EXPECT_EQ(result.response.status, status) << result.response.body;
        EXPECT_EQ(errorCodeOf(result.response), code) << result.response.body;
        EXPECT_EQ(result.response.headers.at("content-type"), "application/json");
        EXPECT_FALSE(result.response.headers.at("x-request-id").empty());
    }

    /// The connection serves: a message of an unknown type is answered with error `unknown_type`.
    static void expectServes(WebSocketClient& client) {
        client.sendJson({{"type", "nope"}, {"ref", 1}});
        const auto answer = client.waitFor("error");
        ASSERT_TRUE(answer.has_value()) << "no answer on the WebSocket";
        EXPECT_EQ(answer->at("code"), "unknown_type");
        EXPECT_EQ(answer->at("ref"), 1);
    }

    static std::unique_ptr<TestDatabase> database_;
    static std::unique_ptr<ServerProcess> server_;
    static Account owner_;
};

std::unique_ptr<TestDatabase> WebSocketUpgrade::database_;
std::unique_ptr<ServerProcess> WebSocketUpgrade::server_;
Account WebSocketUpgrade::owner_;

TEST_F(WebSocketUpgrade, BearerTokenOpensAConnectionThatAnswersUnknownTypesWithAnError) {
    WebSocketClient client = connect(bearer(owner_.token));
    expectServes(client);
    EXPECT_EQ(client.close(), CloseCode::Normal);
}

TEST_F(WebSocketUpgrade, SessionCookieOpensAConnection) {
    WebSocketClient client = connect({{"Cookie", "ocomms_session=" + owner_.token}});
    expectServes(client);
}

TEST_F(WebSocketUpgrade, TicketOpensOneConnectionOnly) {
    const auto r = IdentityApiClient(port()).call("POST", "/api/ws/ticket", nullptr, owner_.token);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = jsonOf(r);
    const std::string ticket = body.at("ticket").get<std::string>();
    EXPECT_TRUE(body.at("expires_at").is_string());
    EXPECT_EQ(r.headers.at("cache-control"), "no-store");

    WebSocketClient client = connect({}, "/api/ws?ticket=" + ticket);
    expectServes(client);
    expectRefused(handshake("/api/ws?ticket=" + ticket, {}), 401, "unauthenticated");
}

TEST_F(WebSocketUpgrade, TicketsAreOnlyForSignedInCallers) {
    const auto r = IdentityApiClient(port()).call("POST", "/api/ws/ticket");
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(errorCodeOf(r), "unauthenticated");
}

TEST_F(WebSocketUpgrade, WithoutCredentialsTheAnswerIs401Json) {
    expectRefused(handshake("/api/ws", {}), 401, "unauthenticated");
    expectRefused(handshake("/api/ws", bearer("not-a-session")), 401, "unauthenticated");
    expectRefused(handshake("/api/ws?ticket=forged", {}), 401, "unauthenticated");
}

TEST_F(WebSocketUpgrade, DeactivatedUserIsRefusedEvenWithATicketFromBefore) {
    const Account user = IdentityApiClient(port()).newMember(owner_, "ws", "member", "leaving@ws.test");
    const std::string ticket = ticketFor(user);
    const auto deactivated = runOcomms({"admin", "deactivate-user", "--email", user.email, "--config",
                                        server_->configFile().string()});
    ASSERT_EQ(deactivated.exitCode, 0) << deactivated.output;

    expectRefused(handshake("/api/ws", bearer(user.token)), 401, "unauthenticated");
    expectRefused(handshake("/api/ws?ticket=" + ticket, {}), 401, "unauthenticated");
}

TEST_F(WebSocketUpgrade, OpenConnectionOfAUserDeactivatedByTheCommandIsClosedAsAccessRevoked) {
    const Account user = IdentityApiClient(port()).newMember(owner_, "ws", "member", "fired@ws.test");
    WebSocketClient client = connect(bearer(user.token));
    expectServes(client);
    const auto deactivated = runOcomms({"admin", "deactivate-user", "--email", user.email, "--config",
                                        server_->configFile().string()});
    ASSERT_EQ(deactivated.exitCode, 0) << deactivated.output;
    // Another process changed the database: the server finds out at its next look (access_check_interval).
    EXPECT_EQ(client.waitForClose(), CloseCode::PolicyViolation);
}

TEST_F(WebSocketUpgrade, RemovingAMemberClosesTheirConnectionsAtOnce) {
    const Account user = IdentityApiClient(port()).newMember(owner_, "ws", "member", "removed@ws.test");
    WebSocketClient first = connect(bearer(user.token));
    WebSocketClient second = connect(bearer(user.token));
    WebSocketClient owners = connect(bearer(owner_.token));
    expectServes(first);
    expectServes(second);
    const auto removed = IdentityApiClient(port()).call(
        "DELETE", "/api/orgs/ws/members/" + std::to_string(user.id), nullptr, owner_.token);
    ASSERT_EQ(removed.status, 204) << removed.body;
    EXPECT_EQ(first.waitForClose(), CloseCode::PolicyViolation);
    EXPECT_EQ(second.waitForClose(), CloseCode::PolicyViolation);
    // Only theirs: the user may still connect (they lost the organization, not their account), and
    // everyone else's connections stay open.
    expectServes(owners);
    WebSocketClient again = connect(bearer(user.token));
    expectServes(again);
}

TEST_F(WebSocketUpgrade, PageOfAnotherOriginIsRefusedWith403NamingIt) {
    auto headers = bearer(owner_.token);
    headers["Origin"] = "https://evil.example.net";
    const auto result = handshake("/api/ws", headers);
    expectRefused(result, 403, "origin_not_allowed");
    EXPECT_NE(errorMessageOf(result.response).find("https://evil.example.net"), std::string::npos);
}

TEST_F(WebSocketUpgrade, PagesOfThePublicUrlAndOfAllowedOriginsConnect) {
    for (const std::string& origin : {"http://127.0.0.1:" + std::to_string(port()), std::string(kAllowedOrigin)}) {
        auto headers = bearer(owner_.token);
        headers["Origin"] = origin;
        WebSocketClient client = connect(headers);
        expectServes(client);
    }
}

TEST_F(WebSocketUpgrade, APageOfTheHostTheRequestIsAddressedToConnectsWhateverThePublicUrl) {
    // Opened as http://localhost:PORT while public_url names 127.0.0.1: the browser sends both headers.
    const std::string other = "localhost:" + std::to_string(port());
    auto headers = bearer(owner_.token);
    headers["Origin"] = "http://" + other;
    headers["Host"] = other;
    WebSocketClient client = connect(headers);
    expectServes(client);

    // The same Origin addressed to another host is another site's page.
    headers["Host"] = "127.0.0.1:" + std::to_string(port());
    expectRefused(handshake("/api/ws", headers), 403, "origin_not_allowed");
}

TEST_F(WebSocketUpgrade, WrongVersionIs426NamingVersion13) {
    auto headers = bearer(owner_.token);
    headers["Sec-WebSocket-Version"] = "8";
    const auto result = handshake("/api/ws", headers);
    expectRefused(result, 426, "upgrade_required");
    EXPECT_EQ(result.response.headers.at("sec-websocket-version"), "13");
}

TEST_F(WebSocketUpgrade, RequestThatIsNotAHandshakeIsRefused) {
    auto headers = bearer(owner_.token);
    headers["Upgrade"] = "";  // left out
    expectRefused(handshake("/api/ws", headers), 400, "invalid_handshake");
    headers = bearer(owner_.token);
    headers["Sec-WebSocket-Key"] = "too-short";
    expectRefused(handshake("/api/ws", headers), 400, "invalid_handshake");

    const auto post = httpRequest(port(), "POST", "/api/ws", "", bearer(owner_.token));
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(errorCodeOf(post), "method_not_allowed");
    EXPECT_EQ(post.headers.at("allow"), "GET");
}

TEST_F(WebSocketUpgrade, EveryHandshakeHasAnAccessLogLine) {
    connect(bearer(owner_.token), "/api/ws?probe=access-log");
    expectRefused(handshake("/api/ws", {}), 401, "unauthenticated");
    EXPECT_TRUE(eventuallyLogged(*server_, "GET /api/ws 101 0B")) << server_->output();
    EXPECT_TRUE(eventuallyLogged(*server_, "GET /api/ws 401")) << server_->output();
}

TEST_F(WebSocketUpgrade, MessageOverTheLimitClosesWith1009) {
    WebSocketClient client = connect(bearer(owner_.token));
    client.sendText(std::string(kMaxMessageBytes + 1, 'x'));
    EXPECT_EQ(client.waitForClose(), CloseCode::MessageTooBig);
}

TEST_F(WebSocketUpgrade, InvalidUtf8ClosesWith1007) {
    WebSocketClient client = connect(bearer(owner_.token));
    client.sendFrame(Opcode::Text, "{\"type\":\"\xff\"}");
    EXPECT_EQ(client.waitForClose(), CloseCode::InvalidPayload);
}

TEST_F(WebSocketUpgrade, UnmaskedFrameClosesWith1002) {
    WebSocketClient client = connect(bearer(owner_.token));
    client.sendFrame(Opcode::Text, "{\"type\":\"nope\"}", true, /*masked=*/false);
    EXPECT_EQ(client.waitForClose(), CloseCode::ProtocolError);
}

TEST_F(WebSocketUpgrade, ThreadCountDoesNotGrowWithConnections) {
    std::vector<WebSocketClient> clients;
    clients.push_back(connect(bearer(owner_.token)));
    expectServes(clients.back());
    const std::size_t before = threadCount(server_->pid());

    for (int i = 0; i < 300; ++i) clients.push_back(connect(bearer(owner_.token)));
    expectServes(clients.front());
    expectServes(clients.back());
    // The hub's threads are fixed at start. Only Poco's HTTP pool may add threads: with server.threads 1,
    // at most its 4 spare ones (http/HttpServer.cpp). Threads per connection would add 300.
    EXPECT_LE(threadCount(server_->pid()), before + 4);
}

TEST(WebSocketShutdown, StoppingTheServerClosesConnectionsWith1001) {
    const TestDatabase database = TestDatabase::sqlite();
    ServerProcess server(webSocketServerOptions(database));
    server.start();
    const Account owner = IdentityApiClient(server.port()).registerFirstUser("owner@stop.test", "stop");
    WebSocketClient client = WebSocketClient::connect("127.0.0.1", server.port(), "/api/ws",
                                                      {{"Authorization", "Bearer " + owner.token}});

    auto stopping = std::async(std::launch::async, [&server] { return server.stop(); });
    EXPECT_EQ(client.waitForClose(), CloseCode::GoingAway);
    EXPECT_EQ(stopping.get(), 0) << server.output();
}

}  // namespace
}  // namespace ocomms::test
