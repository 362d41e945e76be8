// The WebSocket endpoint of nodes that share Redis: tickets signed with the shared auth.secret work on
// every node, and a node without a secret says at start that its tickets will not.
#include <future>

#include <gtest/gtest.h>

#include "identity/IdentityApiClient.hpp"
#include "support/RedisTestTools.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"
#include "support/WebSocketClient.hpp"

namespace ocomms::test {
namespace {

using realtime::websocket::CloseCode;

/// `redisPrefix`: the nodes of one instance share it; empty gives each node its own.
ServerOptions nodeOptions(const TestDatabase& database, const std::string& secret, const std::string& redisPrefix = "") {
    ServerOptions options;
    options.databaseUrl = database.url();
    options.redisUrl = redisUrl();
    options.redisPrefix = redisPrefix;
    options.extraYaml = "auth:\n  secret: \"" + secret + "\"\n";
    return options;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

TEST(WebSocketCluster, TicketFromOneNodeOpensAConnectionOnAnother) {
    const TestDatabase database = TestDatabase::postgres();
    const std::string secret(40, 'c');
    ServerProcess first(nodeOptions(database, secret));
    ServerProcess second(nodeOptions(database, secret));
    first.start();
    second.start();
    const Account owner = IdentityApiClient(first.port()).registerFirstUser("owner@cluster.test", "cluster");

    const auto issued = IdentityApiClient(first.port()).call("POST", "/api/ws/ticket", nullptr, owner.token);
    ASSERT_EQ(issued.status, 200) << issued.body;
    const std::string ticket = jsonOf(issued).at("ticket").get<std::string>();
    WebSocketClient client = WebSocketClient::connect("127.0.0.1", second.port(), "/api/ws?ticket=" + ticket);
    client.sendJson({{"type", "nope"}});
    const auto answer = client.waitFor("error");
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->at("code"), "unknown_type");

    EXPECT_EQ(first.output().find("auth.secret is empty"), std::string::npos);
    auto stopping = std::async(std::launch::async, [&second] { return second.stop(); });
    EXPECT_EQ(client.waitForClose(), CloseCode::GoingAway);
    EXPECT_EQ(stopping.get(), 0) << second.output();
}

TEST(WebSocketCluster, RemovingAMemberOnOneNodeClosesTheirConnectionOnAnother) {
    const TestDatabase database = TestDatabase::postgres();
    const std::string secret(40, 'd');
    const std::string prefix = uniqueRedisPrefix();
    ServerProcess first(nodeOptions(database, secret, prefix));
    ServerProcess second(nodeOptions(database, secret, prefix));
    first.start();
    second.start();
    const IdentityApiClient api(first.port());
    const Account owner = api.registerFirstUser("owner@cluster.test", "cluster");
    const Account member = api.newMember(owner, "cluster", "member", "member@cluster.test");
    WebSocketClient client = WebSocketClient::connect("127.0.0.1", second.port(), "/api/ws",
                                                      {{"Authorization", "Bearer " + member.token}});
    ASSERT_TRUE(client.waitFor("hello").has_value());

    const auto removed =
        api.call("DELETE", "/api/orgs/cluster/members/" + std::to_string(member.id), nullptr, owner.token);
    ASSERT_EQ(removed.status, 204) << removed.body;
    EXPECT_EQ(client.waitForClose(), CloseCode::PolicyViolation);
}

TEST(WebSocketCluster, NodeWithoutASecretWarnsOnceThatOtherNodesRefuseItsTickets) {
    const TestDatabase database = TestDatabase::sqlite();
    ServerProcess node(nodeOptions(database, ""));
    node.start();
    EXPECT_EQ(occurrences(node.output(), "auth.secret is empty"), 1U) << node.output();

    const Account owner = IdentityApiClient(node.port()).registerFirstUser("owner@single.test", "single");
    const auto issued = IdentityApiClient(node.port()).call("POST", "/api/ws/ticket", nullptr, owner.token);
    ASSERT_EQ(issued.status, 200) << issued.body;
    // Its own tickets still work on the node itself.
    WebSocketClient::connect("127.0.0.1", node.port(), "/api/ws?ticket=" + jsonOf(issued).at("ticket").get<std::string>());
    EXPECT_EQ(occurrences(node.output(), "auth.secret is empty"), 1U) << node.output();
}

}  // namespace
}  // namespace ocomms::test
