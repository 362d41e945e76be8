// The shipped docker/nginx/default.conf in Debian's nginx 1.22 in front of the real server, as the compose
// deployment runs it (only the upstream address and the listen port differ): health, chat over WebSockets,
// the client address passed on in X-Forwarded-For, the body limit. And the timeouts of the file, read from
// it, against the app's settings it must agree with.
#include <cctype>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "chat/ChatApiClient.hpp"
#include "chat/ChatWebSocketClient.hpp"
#include "config/CoreSchema.hpp"
#include "config/Duration.hpp"
#include "support/Eventually.hpp"
#include "support/FileContents.hpp"
#include "support/NginxProxy.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::size_t kMebibyte = 1024 * 1024;  // client_max_body_size 1m, and the app's server.max_body_bytes
constexpr int kFailedLoginsPerAddress = 3;

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
    return count;
}

class NginxProxyTest : public ::testing::Test {
protected:
    void SetUp() override {
        ServerOptions options;
        options.databaseUrl = database.url();
        options.pluginsYaml = "  - name: health\n  - name: chat\n";
        // As config/ocomms.compose.yaml trusts the compose network, where nginx is.
        options.serverYaml = "  trusted_proxies: [\"127.0.0.1\"]\n";
        options.extraYaml = "auth:\n  secret: \"" + std::string(40, 's') + "\"\n"
                            "  login_limit:\n    per_address: " + std::to_string(kFailedLoginsPerAddress) + "\n";
        server.emplace(options);
        server->start();
        nginx.emplace(server->port());
    }

    /// A sign-in with an unknown email (so that no account's count is reached), sent from `source`.
    HttpResult failedLoginFrom(const std::string& source, int attempt) const {
        const json body = {{"email", "nobody-" + std::to_string(attempt) + "@" + source + ".test"},
                           {"password", "wrong password"}};
        return httpRequestFrom(source, nginx->port(), "POST", "/api/auth/login", body.dump());
    }

    const TestDatabase database = TestDatabase::sqlite();
    std::optional<ServerProcess> server;
    std::optional<NginxProxy> nginx;
};

TEST_F(NginxProxyTest, TheAppsHealthAndNginxsOwnAnswerThroughTheProxy) {
    const auto health = httpRequest(nginx->port(), "GET", "/api/health");
    EXPECT_EQ(health.status, 200) << health.body;
    EXPECT_EQ(jsonOf(health)["status"], "healthy") << health.body;
    EXPECT_EQ(health.headers.count("x-request-id"), 1U) << "the app sets it on every answer";

    const auto own = httpRequest(nginx->port(), "GET", "/nginx-health");
    EXPECT_EQ(own.status, 200);
    EXPECT_EQ(own.body, "ok\n");
}

TEST_F(NginxProxyTest, ChatMessagesTravelOverWebSocketsUpgradedThroughTheProxy) {
    const IdentityApiClient api(nginx->port());
    const ChatApiClient chat(api);
    const Account ann = api.registerFirstUser("ann@proxy.test", "proxied");
    const Account bob = api.newMember(ann, "proxied", "member", "bob@proxy.test");
    const std::int64_t channel = chat.newChannel(ann, "proxied", "through-nginx")["id"];
    ChatApiClient::expect(chat.channelAction(bob, channel, "join"), 200, "bob joins");

    ChatSocket bobSocket = ChatSocket::open(nginx->port(), bob);
    bobSocket.subscribe(channel, 0);
    ChatSocket annSocket = ChatSocket::open(nginx->port(), ann);
    const json ack = annSocket.send(channel, "through nginx", "proxied-1");
    ASSERT_EQ(ack["type"], "ack") << ack.dump();
    const json seen = bobSocket.nextMessage(channel);
    EXPECT_EQ(seen["id"], ack["message_id"]);
    EXPECT_EQ(seen["text"], "through nginx");

    // The close handshakes cross nginx too; nginx logs an upgraded request once its tunnel is closed.
    EXPECT_TRUE(annSocket.raw().close().has_value());
    EXPECT_TRUE(bobSocket.raw().close().has_value());
    EXPECT_TRUE(eventually([&] { return occurrences(readText(nginx->accessLog()), "\"GET /api/ws HTTP/1.1\" 101") == 2; },
                           10s))
        << readText(nginx->accessLog());
}

TEST_F(NginxProxyTest, APageServedThroughTheProxyOpensItsWebSocketThroughIt) {
    // A browser sends its page's origin, nginx's address; public_url (the default, localhost:8080) names
    // neither, so this passes only because nginx hands the app the Host the browser sent.
    const IdentityApiClient api(nginx->port());
    const Account ann = api.registerFirstUser("ann@proxy.test", "proxied");
    const std::string origin = "http://127.0.0.1:" + std::to_string(nginx->port());
    WebSocketClient page = WebSocketClient::connect("127.0.0.1", nginx->port(), "/api/ws",
                                                    {{"Authorization", "Bearer " + ann.token}, {"Origin", origin}});
    EXPECT_TRUE(page.waitFor("hello").has_value());

    const auto elsewhere = WebSocketClient::handshake(
        "127.0.0.1", nginx->port(), "/api/ws",
        {{"Authorization", "Bearer " + ann.token}, {"Origin", "http://127.0.0.1:1"}});
    EXPECT_EQ(elsewhere.response.status, 403) << elsewhere.response.body;
}

TEST_F(NginxProxyTest, TheAppCountsFailedLoginsPerClientFromTheAddressNginxForwards) {
    // Without X-Forwarded-For (or without trusting nginx) every client would be nginx's address, and one
    // client's failures would lock out all the others.
    for (int attempt = 0; attempt < kFailedLoginsPerAddress; ++attempt) {
        const auto failed = failedLoginFrom("127.0.0.2", attempt);
        EXPECT_EQ(failed.status, 401) << failed.body;
    }
    const auto limited = failedLoginFrom("127.0.0.2", kFailedLoginsPerAddress);
    EXPECT_EQ(limited.status, 429) << limited.body;

    const auto otherClient = failedLoginFrom("127.0.0.3", 0);
    EXPECT_EQ(otherClient.status, 401) << otherClient.body;
}

TEST_F(NginxProxyTest, NginxRefusesABodyOverOneMebibyteAndPassesOneAtTheLimit) {
    const auto refused = httpRequest(nginx->port(), "POST", "/api/auth/login", std::string(kMebibyte + 1, 'x'));
    EXPECT_EQ(refused.status, 413);
    // nginx's own error page, not the app's JSON error (which would carry the app's request id).
    EXPECT_NE(refused.body.find("413 Request Entity Too Large"), std::string::npos) << refused.body;
    EXPECT_EQ(refused.headers.count("x-request-id"), 0U);

    // The app's limit is the same, so nginx must not stop a body the app would take.
    const auto passed = httpRequest(nginx->port(), "POST", "/api/auth/login", std::string(kMebibyte, 'x'));
    EXPECT_EQ(passed.status, 400) << passed.body;
    EXPECT_NE(passed.body.find("\"invalid_json\""), std::string::npos) << "the app's answer: " << passed.body;
}

/// The value of `directive` directly inside the block that opens with `block {` in `site`, e.g.
/// directiveIn(site, "location /api/ws", "proxy_read_timeout") == "120s"; nothing when it is not set there.
std::optional<std::string> directiveIn(const std::string& site, const std::string& block, const std::string& directive) {
    const auto open = site.find(block + " {");
    if (open == std::string::npos) throw std::runtime_error("no block '" + block + " {' in the nginx site");
    int depth = 0;
    std::string statement;
    for (auto at = open + block.size(); at < site.size(); ++at) {
        const char c = site[at];
        if (c == '{' || c == '}') {
            depth += c == '{' ? 1 : -1;
            if (depth == 0) return std::nullopt;
            statement.clear();
        } else if (c == ';') {
            if (depth == 1 && statement.rfind(directive + " ", 0) == 0) return statement.substr(directive.size() + 1);
            statement.clear();
        } else if (c == '#') {
            at = site.find('\n', at);  // a comment runs to the end of its line
        } else if (!std::isspace(static_cast<unsigned char>(c)) || !statement.empty()) {
            statement += c;
        }
    }
    throw std::runtime_error("the block '" + block + "' of the nginx site is not closed");
}

std::chrono::milliseconds nginxDuration(const std::string& text) {
    // nginx's single-unit times ("120s", "5m", a bare number of seconds) are spelled as the app's.
    const auto duration = config::parseDuration(text);
    if (!duration) throw std::runtime_error("the test cannot read the nginx time '" + text + "'");
    return *duration;
}

/// `section.key` as the compose deployment runs the app: config/ocomms.compose.yaml's value, else the
/// core's default.
std::chrono::milliseconds deployedAppDuration(const std::string& section, const std::string& key) {
    const YAML::Node compose = YAML::LoadFile(OCOMMS_TEST_SOURCE_DIR "/config/ocomms.compose.yaml");
    if (compose[section] && compose[section][key]) return nginxDuration(compose[section][key].as<std::string>());
    for (const auto& sectionSetting : config::coreSchema().settings()) {
        if (sectionSetting.key() != section) continue;
        for (const auto& setting : sectionSetting.children()) {
            if (setting.key() == key) return *config::parseDuration(setting.defaultValue()->get<std::string>());
        }
    }
    throw std::runtime_error("the core has no setting " + section + "." + key);
}

std::string renderedShippedSite() { return renderNginxSite(kShippedNginxSite, 8080, 80); }

TEST(NginxProxyConfig, TheWebSocketReadTimeoutIsLongerThanTheAppsPingInterval) {
    // In a tunnel nginx only times out reading from the app, which pings a quiet connection every
    // ping_interval: nginx must wait longer than that, and leave the idle timeout to the app.
    const auto site = renderedShippedSite();
    const auto readTimeout = directiveIn(site, "location /api/ws", "proxy_read_timeout");
    ASSERT_TRUE(readTimeout.has_value()) << "nginx's default of 60s would apply";
    EXPECT_GT(nginxDuration(*readTimeout), deployedAppDuration("realtime", "ping_interval"));
}

TEST(NginxProxyConfig, NginxLetsGoOfIdleAppConnectionsBeforeTheAppClosesThem) {
    // An idle kept-alive connection the app closes just as nginx sends a POST on it answers 502: nginx
    // does not retry a request that may not be repeated. So nginx must be the side that closes first.
    const auto timeout = directiveIn(renderedShippedSite(), "upstream ocomms_app", "keepalive_timeout");
    EXPECT_LT(nginxDuration(timeout.value_or("60s")), deployedAppDuration("server", "keepalive_timeout"));
}

TEST(NginxProxyConfig, RenderingRefusesASiteWhoseUpstreamLineItCannotFind) {
    TempDir dir;
    const auto edited = dir.path() / "default.conf";
    std::string text = readText(kShippedNginxSite);
    text.replace(text.find("server app:8080;"), 16, "server app:9090;");
    std::ofstream(edited) << text;
    try {
        renderNginxSite(edited, 8080, 80);
        FAIL() << "rendered a site without 'server app:8080;'";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(edited.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("'server app:8080;'"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace ocomms::test
