#include "realtime/upgrade/WebSocketUpgrade.hpp"

#include <unistd.h>

#include <map>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "identity/SessionToken.hpp"
#include "support/CapturingLogger.hpp"

namespace ocomms::realtime {
namespace {

using namespace std::chrono_literals;

const UserInfo kAlice{7, "alice@example.com", "Alice", false};
const UserInfo kDeactivated{9, "gone@example.com", "Gone", false};

class FakeTakeover final : public http::ConnectionTakeover {
public:
    std::optional<int> switchProtocols(const http::Headers& headers) override {
        switchedWith = headers;
        if (clientSentEarly) return std::nullopt;
        return ::dup(STDERR_FILENO);  // a descriptor the hand-over must own and close
    }
    std::optional<http::Headers> switchedWith;
    bool clientSentEarly = false;
};

/// Session tokens, found where the real authorizer finds them: "alice-token" is Alice's, any other is refused.
class FakeSessions final : public http::RequestAuthorizer {
public:
    Caller authorize(http::Access, const http::Request& request) override {
        if (identity::sessionTokenOf(request) == "alice-token") return {kAlice, {}, {}};
        throw http::HttpError(401, "unauthenticated", "sign in first: no valid session token");
    }
};

/// Alice is active; user 9 is deactivated (Identity::user answers only active users).
class FakeIdentity final : public Identity {
public:
    std::optional<UserInfo> user(std::int64_t id) override {
        return id == kAlice.id ? std::optional<UserInfo>(kAlice) : std::nullopt;
    }
    std::optional<OrganizationInfo> organization(const std::string&) override { return std::nullopt; }
    std::optional<Role> roleIn(std::int64_t, std::int64_t) override { return std::nullopt; }
    std::vector<MemberInfo> members(std::int64_t) override { return {}; }
    std::vector<OrganizationInfo> organizationsOf(std::int64_t) override { return {}; }
};

class WebSocketUpgradeTest : public ::testing::Test {
protected:
    WebSocketUpgradeTest()
        : tickets(std::string(40, 'k'), 30s),
          endpoint(OriginPolicy("https://chat.example.com", {"http://localhost:3000"}), sessions, tickets, identity,
                   [this](int fd, UserInfo user) {
                       ::close(fd);
                       handedOver.push_back(std::move(user));
                       return static_cast<ConnectionId>(handedOver.size());
                   },
                   logger) {}

    static http::Request handshake() {
        http::Request request;
        request.path = "/api/ws";
        request.headers = {{"Upgrade", "websocket"},
                           {"Connection", "Upgrade"},
                           {"Sec-WebSocket-Version", "13"},
                           {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
        return request;
    }
    static http::Request withBearer(http::Request request, const std::string& token = "alice-token") {
        request.headers.emplace("Authorization", "Bearer " + token);
        return request;
    }

    /// The refusal's status and error code, or {101, ""} when the endpoint switched protocols.
    std::pair<int, std::string> attempt(const http::Request& request) {
        FakeTakeover takeover;
        const auto answer = endpoint.upgrade(request, takeover);
        return outcome(answer, takeover);
    }
    std::pair<int, std::string> outcome(const std::optional<http::Response>& answer, const FakeTakeover& takeover) {
        if (!answer) {
            EXPECT_TRUE(takeover.switchedWith.has_value()) << "neither answered nor switched";
            return {101, ""};
        }
        return {answer->status, nlohmann::json::parse(answer->body).at("error").at("code").get<std::string>()};
    }
    /// Like attempt(), with the endpoint's HttpError turned into its status and code as the pipeline does.
    std::pair<int, std::string> attemptCatching(const http::Request& request) {
        try {
            return attempt(request);
        } catch (const http::HttpError& error) {
            return {error.status(), error.code()};
        }
    }

    FakeSessions sessions;
    FakeIdentity identity;
    WsTickets tickets;
    test::CapturingLogger logger;
    std::vector<UserInfo> handedOver;
    WebSocketUpgrade endpoint;
};

TEST_F(WebSocketUpgradeTest, BearerTokenSwitchesProtocolsAndHandsTheSocketOverForItsUser) {
    FakeTakeover takeover;
    const auto answer = endpoint.upgrade(withBearer(handshake()), takeover);
    EXPECT_FALSE(answer.has_value());
    ASSERT_TRUE(takeover.switchedWith.has_value());
    const http::Headers& headers = *takeover.switchedWith;
    EXPECT_EQ(headers.find("Upgrade")->second, "websocket");
    EXPECT_EQ(headers.find("Connection")->second, "Upgrade");
    EXPECT_EQ(headers.find("Sec-WebSocket-Accept")->second, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455's example
    ASSERT_EQ(handedOver.size(), 1U);
    EXPECT_EQ(handedOver[0].id, kAlice.id);
}

TEST_F(WebSocketUpgradeTest, SessionCookieIsEnough) {
    http::Request request = handshake();
    request.headers.emplace("Cookie", "ocomms_session=alice-token");
    EXPECT_EQ(attempt(request), std::make_pair(101, std::string()));
    ASSERT_EQ(handedOver.size(), 1U);
}

TEST_F(WebSocketUpgradeTest, TicketOpensOneConnectionForItsUser) {
    http::Request request = handshake();
    request.query.emplace("ticket", tickets.issue(kAlice.id).text);
    EXPECT_EQ(attempt(request), std::make_pair(101, std::string()));
    ASSERT_EQ(handedOver.size(), 1U);
    EXPECT_EQ(handedOver[0].id, kAlice.id);

    EXPECT_EQ(attemptCatching(request), std::make_pair(401, std::string("unauthenticated")));
    EXPECT_EQ(handedOver.size(), 1U);
}

TEST_F(WebSocketUpgradeTest, CredentialsAreCheckedBearerThenCookieThenTicketAndTheFirstPresentDecides) {
    const std::string ticket = tickets.issue(kAlice.id).text;
    http::Request staleBearer = withBearer(handshake(), "expired-token");
    staleBearer.headers.emplace("Cookie", "ocomms_session=alice-token");
    staleBearer.query.emplace("ticket", ticket);
    EXPECT_EQ(attemptCatching(staleBearer), std::make_pair(401, std::string("unauthenticated")));

    http::Request staleCookie = handshake();
    staleCookie.headers.emplace("Cookie", "ocomms_session=expired-token");
    staleCookie.query.emplace("ticket", ticket);
    EXPECT_EQ(attemptCatching(staleCookie), std::make_pair(401, std::string("unauthenticated")));

    http::Request bearerAndTicket = withBearer(handshake());
    bearerAndTicket.query.emplace("ticket", ticket);
    EXPECT_EQ(attempt(bearerAndTicket), std::make_pair(101, std::string()));
    EXPECT_EQ(tickets.redeem(ticket).status, TicketStatus::Valid) << "the ticket was used although a session decided";
}

TEST_F(WebSocketUpgradeTest, TicketOfADeactivatedUserIsRefused) {
    http::Request request = handshake();
    request.query.emplace("ticket", tickets.issue(kDeactivated.id).text);
    EXPECT_EQ(attemptCatching(request), std::make_pair(401, std::string("unauthenticated")));
    EXPECT_TRUE(handedOver.empty());
}

TEST_F(WebSocketUpgradeTest, WithoutCredentialsOrWithABadOneItIsUnauthenticatedAndNothingIsSwitched) {
    EXPECT_EQ(attemptCatching(handshake()), std::make_pair(401, std::string("unauthenticated")));
    EXPECT_EQ(attemptCatching(withBearer(handshake(), "wrong")), std::make_pair(401, std::string("unauthenticated")));
    http::Request forged = handshake();
    forged.query.emplace("ticket", "not-a-ticket");
    EXPECT_EQ(attemptCatching(forged), std::make_pair(401, std::string("unauthenticated")));
    EXPECT_TRUE(handedOver.empty());
}

TEST_F(WebSocketUpgradeTest, OriginIsCheckedBeforeAuthenticationAndNamedInTheRefusal) {
    http::Request request = handshake();  // no credentials: the origin answers first
    request.headers.emplace("Origin", "https://evil.example.net");
    FakeTakeover takeover;
    const auto answer = endpoint.upgrade(request, takeover);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 403);
    const auto error = nlohmann::json::parse(answer->body).at("error");
    EXPECT_EQ(error.at("code"), "origin_not_allowed");
    EXPECT_NE(error.at("message").get<std::string>().find("https://evil.example.net"), std::string::npos);
    EXPECT_FALSE(takeover.switchedWith.has_value());
}

TEST_F(WebSocketUpgradeTest, PublicUrlAndListedOriginsAreAllowed) {
    for (const char* origin : {"https://chat.example.com", "http://localhost:3000"}) {
        http::Request request = withBearer(handshake());
        request.headers.emplace("Origin", origin);
        EXPECT_EQ(attempt(request), std::make_pair(101, std::string())) << origin;
    }
}

TEST_F(WebSocketUpgradeTest, HandshakeProblemsAreAnsweredBeforeOriginAndAuthentication) {
    http::Request request = handshake();
    request.headers.erase("Sec-WebSocket-Version");
    request.headers.emplace("Sec-WebSocket-Version", "8");
    request.headers.emplace("Origin", "https://evil.example.net");
    EXPECT_EQ(attempt(request), std::make_pair(426, std::string("upgrade_required")));
}

TEST_F(WebSocketUpgradeTest, BytesSentBeforeThe101AreRefusedInsteadOfLost) {
    FakeTakeover takeover;
    takeover.clientSentEarly = true;
    const auto answer = endpoint.upgrade(withBearer(handshake()), takeover);
    EXPECT_EQ(outcome(answer, takeover), std::make_pair(400, std::string("invalid_handshake")));
    EXPECT_TRUE(handedOver.empty());
}

}  // namespace
}  // namespace ocomms::realtime
