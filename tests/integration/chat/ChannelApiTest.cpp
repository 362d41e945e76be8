// Channels through the REST API of the real binary, on each backend: creating the three kinds, listing,
// renaming, archiving, joining, leaving, members, and who may see and do what.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "chat/ChatApiClient.hpp"

namespace ocomms::test {
namespace {

class ChannelApi : public ChatServerTest {};

std::vector<std::string> namesOf(const nlohmann::json& channels) {
    std::vector<std::string> names;
    for (const auto& channel : channels) names.push_back(channel["name"].is_null() ? "<direct>" : channel["name"]);
    return names;
}

std::vector<std::int64_t> memberIdsOf(const HttpResult& result) {
    std::vector<std::int64_t> ids;
    const auto body = jsonOf(result);
    for (const auto& member : body["members"]) ids.push_back(member["user_id"]);
    return ids;
}

TEST_P(ChannelApi, CreatedPublicChannelHasEveryField) {
    const auto r = chat().createChannel(bob, "alpha", {{"name", " general "}, {"kind", "public"}, {"topic", "Anything"}});
    ASSERT_EQ(r.status, 201) << r.body;
    const auto channel = jsonOf(r);
    EXPECT_TRUE(channel["id"].is_number_integer());
    EXPECT_EQ(channel["org_id"], jsonOf(api_->call("GET", "/api/me", nullptr, bob.token))["memberships"][0]["org"]["id"]);
    EXPECT_EQ(channel["name"], "general");  // trimmed
    EXPECT_EQ(channel["kind"], "public");
    EXPECT_EQ(channel["topic"], "Anything");
    EXPECT_EQ(channel["archived"], false);
    EXPECT_EQ(channel["created_by"], bob.id);
    EXPECT_TRUE(std::regex_match(channel["created_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << channel["created_at"];
    EXPECT_EQ(channel["last_seq"], 0);
    EXPECT_EQ(channel["is_member"], true);
    EXPECT_EQ(channel["role"], "admin");
    EXPECT_EQ(channel["last_read_seq"], 0);
    EXPECT_EQ(channel["unread"], 0);
    EXPECT_EQ(channel["mentions"], 0);
    EXPECT_FALSE(channel.contains("members"));

    const auto fetched = chat().channel(bob, channel["id"]);
    ASSERT_EQ(fetched.status, 200) << fetched.body;
    EXPECT_EQ(jsonOf(fetched), channel);
}

TEST_P(ChannelApi, ListShowsPublicChannelsAndPrivateOnesOfTheCallerByName) {
    chat().newChannel(ann, "alpha", "zulu");
    chat().newChannel(ann, "alpha", "Alpha-team");
    chat().newChannel(ann, "alpha", "secret", "private");
    chat().newChannel(ann, "alpha", "bobs-room", "private", {bob.id});
    chat().newChannel(ann, "beta", "beta-general");

    EXPECT_EQ(namesOf(jsonOf(chat().channels(bob, "alpha"))["channels"]),
              (std::vector<std::string>{"Alpha-team", "bobs-room", "zulu"}));
    EXPECT_EQ(namesOf(jsonOf(chat().channels(ann, "alpha"))["channels"]),
              (std::vector<std::string>{"Alpha-team", "bobs-room", "secret", "zulu"}));
    EXPECT_EQ(namesOf(jsonOf(chat().channels(ann, "beta"))["channels"]), (std::vector<std::string>{"beta-general"}));

    const auto zulu = jsonOf(chat().channels(bob, "alpha"))["channels"][2];
    EXPECT_EQ(zulu["is_member"], false);
    EXPECT_TRUE(zulu["role"].is_null());
}

TEST_P(ChannelApi, OrganizationRoutesAreForItsMembers) {
    for (const auto& path : {"/api/orgs/alpha/channels", "/api/orgs/alpha/search?q=x", "/api/orgs/alpha/presence"}) {
        EXPECT_EQ(chat().call("GET", path, dan).status, 404) << path;
        EXPECT_EQ(api_->call("GET", path).status, 401) << path;
    }
    EXPECT_EQ(chat().createChannel(dan, "alpha", {{"name", "x"}, {"kind", "public"}}).status, 404);
    EXPECT_EQ(api_->call("GET", "/api/channels/1").status, 401);
}

TEST_P(ChannelApi, ChannelsOthersMayNotSeeAnswerNotFoundLikeMissingOnes) {
    const auto secret = chat().newChannel(ann, "alpha", "secret", "private")["id"].get<std::int64_t>();
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto missing = chat().channel(bob, 999999);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(errorCodeOf(missing), "channel_not_found");

    for (const auto& [who, id] : std::vector<std::pair<Account, std::int64_t>>{{bob, secret}, {dan, secret}, {dan, general}}) {
        for (const auto& r : {chat().channel(who, id), chat().channelAction(who, id, "join"),
                              chat().call("GET", "/api/channels/" + std::to_string(id) + "/members", who),
                              chat().history(who, id), chat().post(who, id, {{"text", "hi"}}),
                              chat().call("PATCH", "/api/channels/" + std::to_string(id), who, {{"topic", "x"}})}) {
            EXPECT_EQ(r.status, 404) << r.body;
            EXPECT_EQ(errorCodeOf(r), "channel_not_found");
        }
    }
    EXPECT_EQ(errorCodeOf(chat().call("GET", "/api/channels/abc", bob)), "channel_not_found");
}

TEST_P(ChannelApi, OnlyChannelAndOrganizationAdminsRenameAndArchive) {
    const auto id = chat().newChannel(bob, "alpha", "general")["id"].get<std::int64_t>();
    const auto path = "/api/channels/" + std::to_string(id);
    ASSERT_EQ(chat().channelAction(cat, id, "join").status, 200);

    const auto byMember = chat().call("PATCH", path, cat, {{"name", "renamed"}});
    EXPECT_EQ(byMember.status, 403) << byMember.body;
    EXPECT_EQ(errorCodeOf(byMember), "forbidden");
    EXPECT_EQ(chat().channelAction(cat, id, "archive").status, 403);

    const auto byCreator = chat().call("PATCH", path, bob, {{"name", "renamed"}});
    ASSERT_EQ(byCreator.status, 200) << byCreator.body;
    EXPECT_EQ(jsonOf(byCreator)["name"], "renamed");

    // An organization admin who is not a member of the public channel.
    const auto byOrgAdmin = chat().call("PATCH", path, adam, {{"name", "by-admin"}, {"topic", "set by adam"}});
    ASSERT_EQ(byOrgAdmin.status, 200) << byOrgAdmin.body;
    EXPECT_EQ(jsonOf(byOrgAdmin)["name"], "by-admin");
    EXPECT_EQ(jsonOf(byOrgAdmin)["topic"], "set by adam");

    // Any member sets the topic; "" clears it.
    const auto topic = chat().call("PATCH", path, cat, {{"topic", ""}});
    ASSERT_EQ(topic.status, 200) << topic.body;
    EXPECT_TRUE(jsonOf(topic)["topic"].is_null());

    const auto archived = chat().channelAction(adam, id, "archive");
    ASSERT_EQ(archived.status, 200) << archived.body;
    EXPECT_EQ(jsonOf(archived)["archived"], true);
    EXPECT_EQ(chat().listed(bob, "alpha", id)["archived"], true);
}

TEST_P(ChannelApi, ArchivedChannelRefusesMessagesJoinsAndRenames) {
    const auto id = chat().newChannel(bob, "alpha", "general")["id"].get<std::int64_t>();
    chat().newMessage(bob, id, "before the archive");
    ASSERT_EQ(chat().channelAction(bob, id, "archive").status, 200);

    const auto post = chat().post(bob, id, {{"text", "after"}});
    EXPECT_EQ(post.status, 409) << post.body;
    EXPECT_EQ(errorCodeOf(post), "channel_archived");
    EXPECT_EQ(errorCodeOf(chat().channelAction(cat, id, "join")), "channel_archived");
    EXPECT_EQ(errorCodeOf(chat().call("PATCH", "/api/channels/" + std::to_string(id), bob, {{"name", "x"}})),
              "channel_archived");
    EXPECT_EQ(chat().texts(bob, id), (std::vector<std::string>{"before the archive"}));
}

TEST_P(ChannelApi, JoinAndLeavePublicChannels) {
    const auto id = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto joined = chat().channelAction(bob, id, "join");
    ASSERT_EQ(joined.status, 200) << joined.body;
    EXPECT_EQ(jsonOf(joined)["is_member"], true);
    EXPECT_EQ(jsonOf(joined)["role"], "member");
    EXPECT_EQ(chat().channelAction(bob, id, "join").status, 200);  // again: nothing changes
    EXPECT_EQ(memberIdsOf(chat().call("GET", "/api/channels/" + std::to_string(id) + "/members", cat)),
              (std::vector<std::int64_t>{ann.id, bob.id}));

    const auto left = chat().channelAction(bob, id, "leave");
    ASSERT_EQ(left.status, 200) << left.body;
    EXPECT_EQ(jsonOf(left), (nlohmann::json{{"channel_id", id}, {"user_id", bob.id}}));
    EXPECT_EQ(chat().listed(bob, "alpha", id)["is_member"], false);
    EXPECT_EQ(errorCodeOf(chat().post(bob, id, {{"text", "hi"}})), "not_a_member");
}

TEST_P(ChannelApi, PrivateChannelsAreJoinedOnlyByBeingAdded) {
    const auto id = chat().newChannel(bob, "alpha", "private-room", "private")["id"].get<std::int64_t>();
    const auto membersPath = "/api/channels/" + std::to_string(id) + "/members";
    EXPECT_EQ(chat().channelAction(cat, id, "join").status, 404);

    const auto added = chat().call("POST", membersPath, bob, {{"user_id", cat.id}});
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(jsonOf(added)["user_id"], cat.id);
    EXPECT_EQ(jsonOf(added)["role"], "member");
    EXPECT_EQ(chat().call("POST", membersPath, bob, {{"user_id", cat.id}}).status, 200);  // already a member

    // A member who is not the channel's admin may not add or remove others.
    const auto byMember = chat().call("POST", membersPath, cat, {{"user_id", adam.id}});
    EXPECT_EQ(byMember.status, 403) << byMember.body;
    EXPECT_EQ(errorCodeOf(byMember), "forbidden");
    EXPECT_EQ(chat().call("DELETE", membersPath + "/" + std::to_string(bob.id), cat).status, 403);

    // Someone outside the organization cannot be added.
    const auto outsider = chat().call("POST", membersPath, bob, {{"user_id", dan.id}});
    EXPECT_EQ(outsider.status, 400) << outsider.body;
    EXPECT_EQ(errorMessageOf(outsider), "user_id: user " + std::to_string(dan.id) + " is not a member of the organization");

    EXPECT_EQ(chat().channel(cat, id).status, 200);
    const auto removed = chat().call("DELETE", membersPath + "/" + std::to_string(cat.id), bob);
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(chat().channel(cat, id).status, 404);
    EXPECT_EQ(errorCodeOf(chat().call("DELETE", membersPath + "/" + std::to_string(cat.id), bob)), "member_not_found");
}

TEST_P(ChannelApi, OrganizationAdminsManageMembersOfPrivateChannelsTheyBelongTo) {
    const auto id = chat().newChannel(bob, "alpha", "private-room", "private", {adam.id})["id"].get<std::int64_t>();
    const auto membersPath = "/api/channels/" + std::to_string(id) + "/members";
    ASSERT_EQ(chat().call("POST", membersPath, adam, {{"user_id", cat.id}}).status, 201);
    ASSERT_EQ(chat().call("DELETE", membersPath + "/" + std::to_string(bob.id), adam).status, 200);
    EXPECT_EQ(memberIdsOf(chat().call("GET", membersPath, adam)), (std::vector<std::int64_t>{adam.id, cat.id}));
}

TEST_P(ChannelApi, AnyMemberAddsOthersToAPublicChannel) {
    const auto id = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto membersPath = "/api/channels/" + std::to_string(id) + "/members";
    EXPECT_EQ(errorCodeOf(chat().call("POST", membersPath, bob, {{"user_id", cat.id}})), "not_a_member");
    ASSERT_EQ(chat().channelAction(bob, id, "join").status, 200);
    ASSERT_EQ(chat().call("POST", membersPath, bob, {{"user_id", cat.id}}).status, 201);
    EXPECT_EQ(chat().listed(cat, "alpha", id)["is_member"], true);
}

TEST_P(ChannelApi, DirectChannelHasTwoToEightMembersAndOneChannelPerMemberSet) {
    const auto direct = chat().newDirect(bob, "alpha", {cat.id});
    EXPECT_TRUE(direct["name"].is_null());
    EXPECT_EQ(direct["kind"], "direct");
    EXPECT_EQ(direct["members"].get<std::vector<std::int64_t>>(),
              (std::vector<std::int64_t>{std::min(bob.id, cat.id), std::max(bob.id, cat.id)}));

    // The same set of people, whoever asks and in whatever order, is the same channel.
    EXPECT_EQ(chat().newDirect(cat, "alpha", {bob.id, cat.id}, 200)["id"], direct["id"]);
    EXPECT_NE(chat().newDirect(bob, "alpha", {cat.id, adam.id})["id"], direct["id"]);

    const auto alone = chat().createChannel(bob, "alpha", {{"kind", "direct"}, {"members", {bob.id}}});
    EXPECT_EQ(alone.status, 400) << alone.body;
    EXPECT_EQ(errorCodeOf(alone), "invalid_field");

    // Eight people are allowed (the settings' default), nine are not.
    std::vector<std::int64_t> seven = {ann.id, adam.id, cat.id};
    for (int i = 0; i < 4; ++i) {
        seven.push_back(api_->newMember(ann, "alpha", "member", "extra" + std::to_string(i) + "@example.com").id);
    }
    chat().newDirect(bob, "alpha", seven);
    seven.push_back(api_->newMember(ann, "alpha", "member", "ninth@example.com").id);
    const auto nine = chat().createChannel(bob, "alpha", {{"kind", "direct"}, {"members", seven}});
    EXPECT_EQ(nine.status, 400) << nine.body;
    EXPECT_EQ(errorMessageOf(nine), "members: a direct channel has 2 to 8 members, its creator included");

    // Only its members see it; its members are fixed.
    EXPECT_EQ(chat().channel(adam, direct["id"]).status, 404);
    EXPECT_EQ(chat().listed(cat, "alpha", direct["id"])["members"], direct["members"]);
    EXPECT_EQ(errorCodeOf(chat().channelAction(bob, direct["id"], "leave")), "forbidden");
    const auto addToDirect = chat().call("POST", "/api/channels/" + std::to_string(direct["id"].get<std::int64_t>()) + "/members",
                                         bob, {{"user_id", adam.id}});
    EXPECT_EQ(addToDirect.status, 403) << addToDirect.body;
}

TEST_P(ChannelApi, InvalidChannelInputNamesTheField) {
    struct Case {
        nlohmann::json body;
        std::string code, message;
    };
    const std::vector<Case> cases = {
        {{{"kind", "public"}}, "missing_field", "name: is required"},
        {{{"name", "x"}}, "missing_field", "kind: is required"},
        {{{"name", "x"}, {"kind", "secret"}}, "invalid_field", "kind: must be public, private or direct"},
        {{{"name", 5}, {"kind", "public"}}, "invalid_field", "name: must be a string"},
        {{{"name", "  "}, {"kind", "public"}}, "invalid_field", "name: must not be empty"},
        {{{"name", std::string(81, 'n')}, {"kind", "public"}}, "invalid_field", "name: must be at most 80 characters"},
        {{{"name", "a\tb"}, {"kind", "public"}}, "invalid_field", "name: must not contain control characters"},
        {{{"name", "x"}, {"kind", "private"}, {"members", "bob"}}, "invalid_field", "members: must be an array of user ids"},
        {{{"name", "x"}, {"kind", "private"}, {"members", {1, -2}}}, "invalid_field",
         "members: must be an array of user ids (positive integers)"},
        {{{"name", "x"}, {"kind", "direct"}, {"members", {2}}}, "invalid_field", "name: a direct channel has no name"},
        {{{"name", "x"}, {"kind", "public"}, {"topic", std::string(251, 't')}}, "invalid_field",
         "topic: must be at most 250 characters"},
    };
    for (const auto& c : cases) {
        const auto r = chat().createChannel(bob, "alpha", c.body);
        EXPECT_EQ(r.status, 400) << c.body.dump() << " " << r.body;
        EXPECT_EQ(errorCodeOf(r), c.code) << c.body.dump();
        EXPECT_EQ(errorMessageOf(r), c.message) << c.body.dump();
    }
    // 80 characters of several bytes each are fine.
    std::string eighty;
    for (int i = 0; i < 80; ++i) eighty += "\xc3\xa9";
    EXPECT_EQ(chat().createChannel(bob, "alpha", {{"name", eighty}, {"kind", "public"}}).status, 201);

    const auto malformed = api_->raw("POST", "/api/orgs/alpha/channels", "{\"name\":",
                                     {{"Authorization", "Bearer " + bob.token}});
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(errorCodeOf(malformed), "invalid_json");
    const auto notAnObject = api_->raw("POST", "/api/orgs/alpha/channels", "[1]", {{"Authorization", "Bearer " + bob.token}});
    EXPECT_EQ(errorCodeOf(notAnObject), "invalid_body");
    const auto nothingToChange = chat().call("PATCH", "/api/channels/" + std::to_string(
                                                 chat().newChannel(bob, "alpha", "general")["id"].get<std::int64_t>()),
                                             bob, nlohmann::json::object());
    EXPECT_EQ(errorCodeOf(nothingToChange), "missing_field");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChannelApi, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
