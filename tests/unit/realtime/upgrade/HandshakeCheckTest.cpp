#include "realtime/upgrade/HandshakeCheck.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace ocomms::realtime {
namespace {

http::Request handshake() {
    http::Request request;
    request.path = "/api/ws";
    request.headers = {{"Upgrade", "websocket"},
                       {"Connection", "Upgrade"},
                       {"Sec-WebSocket-Version", "13"},
                       {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
    return request;
}

http::Request without(http::Request request, const std::string& header) {
    request.headers.erase(header);
    return request;
}

http::Request with(http::Request request, const std::string& header, const std::string& value) {
    request.headers.erase(header);
    request.headers.emplace(header, value);
    return request;
}

std::string codeOf(const http::Response& response) {
    return nlohmann::json::parse(response.body).at("error").at("code").get<std::string>();
}

void expectRefusal(const http::Request& request, int status, const std::string& code) {
    const auto refusal = refuseHandshake(request);
    ASSERT_TRUE(refusal.has_value());
    EXPECT_EQ(refusal->status, status);
    EXPECT_EQ(codeOf(*refusal), code);
    if (status == 426) {
        const auto version = refusal->headers.find("Sec-WebSocket-Version");
        ASSERT_NE(version, refusal->headers.end());
        EXPECT_EQ(version->second, "13");
        const auto upgrade = refusal->headers.find("Upgrade");
        ASSERT_NE(upgrade, refusal->headers.end());
        EXPECT_EQ(upgrade->second, "websocket");
    }
}

TEST(HandshakeCheck, ValidHandshakeIsAccepted) { EXPECT_FALSE(refuseHandshake(handshake()).has_value()); }

TEST(HandshakeCheck, HeaderNamesAndTokensAreCaseInsensitiveAndConnectionMayListOthers) {
    http::Request request = with(with(handshake(), "Upgrade", "WebSocket"), "Connection", "keep-alive, UPGRADE");
    request.headers.erase("Sec-WebSocket-Version");
    request.headers.emplace("sec-websocket-version", " 13 ");
    EXPECT_FALSE(refuseHandshake(request).has_value());
}

TEST(HandshakeCheck, MissingUpgradeOrConnectionTokenIsInvalid) {
    expectRefusal(without(handshake(), "Upgrade"), 400, "invalid_handshake");
    expectRefusal(with(handshake(), "Upgrade", "h2c"), 400, "invalid_handshake");
    expectRefusal(without(handshake(), "Connection"), 400, "invalid_handshake");
    expectRefusal(with(handshake(), "Connection", "keep-alive"), 400, "invalid_handshake");
    expectRefusal(with(handshake(), "Connection", "upgraded"), 400, "invalid_handshake");
}

TEST(HandshakeCheck, VersionOtherThan13IsUpgradeRequiredNamingVersion13) {
    expectRefusal(with(handshake(), "Sec-WebSocket-Version", "8"), 426, "upgrade_required");
    expectRefusal(with(handshake(), "Sec-WebSocket-Version", "13, 8"), 426, "upgrade_required");
    expectRefusal(without(handshake(), "Sec-WebSocket-Version"), 426, "upgrade_required");
}

TEST(HandshakeCheck, MissingOrMalformedKeyIsInvalid) {
    expectRefusal(without(handshake(), "Sec-WebSocket-Key"), 400, "invalid_handshake");
    expectRefusal(with(handshake(), "Sec-WebSocket-Key", "short=="), 400, "invalid_handshake");
    expectRefusal(with(handshake(), "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ"), 400, "invalid_handshake");
}

TEST(HandshakeCheck, BodyIsInvalid) {
    expectRefusal(with(handshake(), "Content-Length", "5"), 400, "invalid_handshake");
    expectRefusal(with(handshake(), "Transfer-Encoding", "chunked"), 400, "invalid_handshake");
    EXPECT_FALSE(refuseHandshake(with(handshake(), "Content-Length", "0")).has_value());
}

TEST(HandshakeCheck, ChecksComeInOrderBodyUpgradeVersionKey) {
    http::Request everythingWrong;
    everythingWrong.headers = {{"Content-Length", "3"}, {"Sec-WebSocket-Version", "7"}};
    expectRefusal(everythingWrong, 400, "invalid_handshake");
    everythingWrong.headers.erase("Content-Length");
    expectRefusal(everythingWrong, 400, "invalid_handshake");
    everythingWrong.headers.emplace("Upgrade", "websocket");
    everythingWrong.headers.emplace("Connection", "Upgrade");
    expectRefusal(everythingWrong, 426, "upgrade_required");
    everythingWrong.headers.erase("Sec-WebSocket-Version");
    everythingWrong.headers.emplace("Sec-WebSocket-Version", "13");
    expectRefusal(everythingWrong, 400, "invalid_handshake");  // now for the missing key
}

TEST(HandshakeCheck, HeaderHasTokenLooksAtEveryHeaderOfTheName) {
    http::Request request;
    request.headers = {{"Connection", "keep-alive"}, {"connection", "Upgrade"}};
    EXPECT_TRUE(headerHasToken(request, "Connection", "upgrade"));
    EXPECT_FALSE(headerHasToken(request, "Connection", "close"));
    EXPECT_FALSE(headerHasToken(request, "Upgrade", "websocket"));
}

}  // namespace
}  // namespace ocomms::realtime
