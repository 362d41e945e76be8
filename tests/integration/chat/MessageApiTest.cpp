// Messages through the REST API of the real binary, on each backend: posting with sequence numbers and
// client ids, history pages, edits, deletes, threads, reactions, mentions, read markers and bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "chat/ChatApiClient.hpp"

namespace ocomms::test {
namespace {

class MessageApi : public ChatServerTest {
protected:
    void SetUp() override {
        ChatServerTest::SetUp();
        general = chat().newChannel(ann, "alpha", "general")["id"];
        for (const auto& who : {bob, cat}) chat().channelAction(who, general, "join");
    }

    std::vector<std::int64_t> seqsOf(const nlohmann::json& messages) const {
        std::vector<std::int64_t> seqs;
        for (const auto& message : messages) seqs.push_back(message["seq"]);
        return seqs;
    }

    nlohmann::json unreadOf(const Account& who) const {
        const auto channel = chat().listed(who, "alpha", general);
        return {{"unread", channel["unread"]}, {"mentions", channel["mentions"]}, {"last_read_seq", channel["last_read_seq"]}};
    }

    static std::string percentEncoded(const std::string& text) {
        std::string encoded;
        for (const unsigned char c : text) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            encoded += hex;
        }
        return encoded;
    }

    HttpResult react(const std::string& method, const Account& who, std::int64_t message, const std::string& emoji) const {
        return chat().message(method, who, message, "/reactions/" + percentEncoded(emoji));
    }

    std::int64_t general = 0;
};

const std::string kThumbsUp = "\xf0\x9f\x91\x8d";

TEST_P(MessageApi, PostedMessageHasEveryFieldAndTheNextSequenceNumber) {
    const auto first = chat().post(bob, general, {{"text", "hello"}});
    ASSERT_EQ(first.status, 201) << first.body;
    const auto message = jsonOf(first);
    EXPECT_TRUE(message["id"].is_number_integer());
    EXPECT_EQ(message["channel_id"], general);
    EXPECT_EQ(message["seq"], 1);
    EXPECT_EQ(message["author_id"], bob.id);
    EXPECT_EQ(message["text"], "hello");
    EXPECT_TRUE(message["client_id"].is_null());
    EXPECT_TRUE(message["parent_id"].is_null());
    EXPECT_TRUE(std::regex_match(message["created_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
        << message["created_at"];
    EXPECT_TRUE(message["edited_at"].is_null());
    EXPECT_EQ(message["deleted"], false);
    EXPECT_EQ(message["reply_count"], 0);
    EXPECT_TRUE(message["last_reply_at"].is_null());
    EXPECT_EQ(message["reactions"], nlohmann::json::array());
    EXPECT_EQ(message["mentions"], nlohmann::json::array());

    EXPECT_EQ(chat().newMessage(cat, general, "second")["seq"], 2);
    EXPECT_EQ(chat().newMessage(bob, general, "third")["seq"], 3);
    EXPECT_EQ(jsonOf(chat().channel(bob, general))["last_seq"], 3);
    EXPECT_EQ(chat().texts(adam, general), (std::vector<std::string>{"hello", "second", "third"}));  // not a member

    // Another channel counts from 1.
    const auto other = chat().newChannel(bob, "alpha", "other")["id"].get<std::int64_t>();
    EXPECT_EQ(chat().newMessage(bob, other, "first there")["seq"], 1);
}

TEST_P(MessageApi, PostingToAPublicChannelNeedsMembership) {
    const auto r = chat().post(adam, general, {{"text", "hi"}});
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(errorCodeOf(r), "not_a_member");
}

TEST_P(MessageApi, RetryWithTheSameClientIdReturnsTheFirstMessage) {
    const auto first = chat().post(bob, general, {{"text", "once"}, {"client_id", "c-1"}});
    ASSERT_EQ(first.status, 201) << first.body;
    const auto retry = chat().post(bob, general, {{"text", "once"}, {"client_id", "c-1"}});
    ASSERT_EQ(retry.status, 200) << retry.body;
    EXPECT_EQ(jsonOf(retry), jsonOf(first));
    EXPECT_EQ(jsonOf(retry)["client_id"], "c-1");
    EXPECT_EQ(chat().texts(bob, general), (std::vector<std::string>{"once"}));
    EXPECT_EQ(jsonOf(chat().channel(bob, general))["last_seq"], 1);

    // Client ids belong to their author.
    EXPECT_EQ(chat().post(cat, general, {{"text", "mine"}, {"client_id", "c-1"}}).status, 201);
    // The same id in another channel is a mistake the client must hear about.
    const auto other = chat().newChannel(bob, "alpha", "other")["id"].get<std::int64_t>();
    const auto conflict = chat().post(bob, other, {{"text", "once"}, {"client_id", "c-1"}});
    EXPECT_EQ(conflict.status, 409) << conflict.body;
    EXPECT_EQ(errorCodeOf(conflict), "client_id_conflict");
    EXPECT_TRUE(chat().texts(bob, other).empty());
}

TEST_P(MessageApi, HistoryPagesForwardAndBackwardBySequenceNumber) {
    for (int i = 1; i <= 7; ++i) chat().newMessage(bob, general, "m" + std::to_string(i));
    struct Case {
        std::string query;
        std::vector<std::int64_t> seqs;
        bool hasMore;
    };
    const std::vector<Case> cases = {
        {"", {1, 2, 3, 4, 5, 6, 7}, false},
        {"?limit=3", {5, 6, 7}, true},
        {"?before=5&limit=3", {2, 3, 4}, true},
        {"?before=4&limit=3", {1, 2, 3}, false},
        {"?before=1", {}, false},
        {"?after=0&limit=3", {1, 2, 3}, true},
        {"?after=4&limit=3", {5, 6, 7}, false},
        {"?after=7", {}, false},
        {"?after=100", {}, false},
    };
    for (const auto& c : cases) {
        const auto r = chat().history(cat, general, c.query);
        ASSERT_EQ(r.status, 200) << c.query << " " << r.body;
        EXPECT_EQ(seqsOf(jsonOf(r)["messages"]), c.seqs) << c.query;
        EXPECT_EQ(jsonOf(r)["has_more"], c.hasMore) << c.query;
    }
}

TEST_P(MessageApi, HistoryRefusesBadParametersNamingThem) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"?limit=0", "limit: must be 1 to 100"},
        {"?limit=101", "limit: must be 1 to 100"},
        {"?limit=ten", "limit: must be an integer"},
        {"?after=-1", "after: must be at least 0"},
        {"?after=1.5", "after: must be an integer"},
        {"?before=0", "before: must be at least 1"},
        {"?after=1&before=5", "before: cannot be combined with after"},
    };
    for (const auto& [query, message] : cases) {
        const auto r = chat().history(bob, general, query);
        EXPECT_EQ(r.status, 400) << query;
        EXPECT_EQ(errorCodeOf(r), "invalid_field") << query;
        EXPECT_EQ(errorMessageOf(r), message) << query;
    }
    EXPECT_EQ(chat().history(bob, general, "?limit=100").status, 200);
}

TEST_P(MessageApi, OnlyTheAuthorEditsAMessage) {
    const auto id = chat().newMessage(bob, general, "frist")["id"].get<std::int64_t>();
    const auto edited = chat().message("PATCH", bob, id, "", {{"text", "first"}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(jsonOf(edited)["text"], "first");
    EXPECT_FALSE(jsonOf(edited)["edited_at"].is_null());
    EXPECT_EQ(jsonOf(edited)["seq"], 1);

    for (const auto& who : {cat, adam, ann}) {
        const auto r = chat().message("PATCH", who, id, "", {{"text", "hijacked"}});
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(errorCodeOf(r), "forbidden");
    }
    EXPECT_EQ(chat().texts(bob, general), (std::vector<std::string>{"first"}));
    EXPECT_EQ(errorCodeOf(chat().message("PATCH", bob, id, "", nlohmann::json::object())), "missing_field");
}

TEST_P(MessageApi, AuthorChannelAdminAndOrganizationAdminsDeleteMessages) {
    // cat created this channel, so cat is its admin without being an organization admin.
    const auto room = chat().newChannel(cat, "alpha", "cats-room")["id"].get<std::int64_t>();
    chat().channelAction(bob, room, "join");
    const auto first = chat().newMessage(bob, room, "one")["id"].get<std::int64_t>();
    const auto second = chat().newMessage(cat, room, "two")["id"].get<std::int64_t>();
    const auto third = chat().newMessage(cat, room, "three")["id"].get<std::int64_t>();
    ASSERT_EQ(react("PUT", bob, second, kThumbsUp).status, 200);

    const auto byOther = chat().message("DELETE", bob, second);
    EXPECT_EQ(byOther.status, 403) << byOther.body;
    EXPECT_EQ(errorCodeOf(byOther), "forbidden");

    const auto byChannelAdmin = chat().message("DELETE", cat, first);
    ASSERT_EQ(byChannelAdmin.status, 200) << byChannelAdmin.body;
    EXPECT_EQ(jsonOf(byChannelAdmin)["deleted"], true);
    EXPECT_EQ(jsonOf(byChannelAdmin)["text"], "");
    const auto byOrgAdmin = chat().message("DELETE", adam, second);
    ASSERT_EQ(byOrgAdmin.status, 200) << byOrgAdmin.body;
    EXPECT_EQ(jsonOf(byOrgAdmin)["reactions"], nlohmann::json::array());
    EXPECT_EQ(chat().message("DELETE", cat, third).status, 200);
    EXPECT_EQ(chat().message("DELETE", cat, third).status, 200);  // again: still deleted

    // Deleted messages stay in the history, without their text.
    const auto history = jsonOf(chat().history(bob, room))["messages"];
    ASSERT_EQ(history.size(), 3u);
    for (const auto& message : history) {
        EXPECT_EQ(message["deleted"], true);
        EXPECT_EQ(message["text"], "");
    }
    EXPECT_EQ(errorCodeOf(chat().message("PATCH", bob, first, "", {{"text", "back"}})), "message_deleted");
    EXPECT_EQ(errorCodeOf(react("PUT", bob, first, kThumbsUp)), "message_deleted");
}

TEST_P(MessageApi, MessagesOthersMayNotSeeAnswerNotFound) {
    const auto secret = chat().newChannel(bob, "alpha", "secret", "private")["id"].get<std::int64_t>();
    const auto hidden = chat().newMessage(bob, secret, "psst")["id"].get<std::int64_t>();
    for (const auto& who : {cat, dan}) {
        for (const auto& r : {chat().message("GET", who, hidden, "/thread"), chat().message("DELETE", who, hidden),
                              chat().message("PATCH", who, hidden, "", {{"text", "x"}}),
                              react("PUT", who, hidden, kThumbsUp)}) {
            EXPECT_EQ(r.status, 404) << r.body;
            EXPECT_EQ(errorCodeOf(r), "message_not_found");
        }
    }
    EXPECT_EQ(errorCodeOf(chat().message("GET", bob, 999999, "/thread")), "message_not_found");
    EXPECT_EQ(errorCodeOf(chat().message("GET", bob, -1, "/thread")), "message_not_found");
}

TEST_P(MessageApi, RepliesFormAThreadUnderTheirParent) {
    const auto parent = chat().newMessage(bob, general, "question")["id"].get<std::int64_t>();
    chat().newMessage(cat, general, "unrelated");
    const auto reply1 = chat().newMessage(cat, general, "answer 1", {{"parent_id", parent}});
    EXPECT_EQ(reply1["parent_id"], parent);
    const auto reply2 = chat().newMessage(ann, general, "answer 2", {{"parent_id", parent}});

    const auto thread = chat().message("GET", bob, parent, "/thread");
    ASSERT_EQ(thread.status, 200) << thread.body;
    const auto body = jsonOf(thread);
    EXPECT_EQ(body["parent"]["id"], parent);
    EXPECT_EQ(body["parent"]["reply_count"], 2);
    EXPECT_EQ(body["parent"]["last_reply_at"], reply2["created_at"]);
    EXPECT_EQ(seqsOf(body["replies"]), (std::vector<std::int64_t>{3, 4}));
    // Asked through a reply, it is the same thread.
    EXPECT_EQ(jsonOf(chat().message("GET", bob, reply1["id"], "/thread")), body);
    // Replies are in the channel's history too.
    EXPECT_EQ(chat().texts(bob, general), (std::vector<std::string>{"question", "unrelated", "answer 1", "answer 2"}));

    const auto toReply = chat().post(bob, general, {{"text", "nested"}, {"parent_id", reply1["id"]}});
    EXPECT_EQ(toReply.status, 400) << toReply.body;
    EXPECT_EQ(errorCodeOf(toReply), "invalid_field");
    const auto other = chat().newChannel(bob, "alpha", "other")["id"].get<std::int64_t>();
    const auto elsewhere = chat().post(bob, other, {{"text", "misplaced"}, {"parent_id", parent}});
    EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;
    EXPECT_EQ(errorMessageOf(elsewhere), "parent_id: no message " + std::to_string(parent) + " in this channel");
}

/// Reaction groups keyed by emoji.
std::map<std::string, nlohmann::json> byEmoji(const nlohmann::json& reactions) {
    std::map<std::string, nlohmann::json> groups;
    for (const auto& group : reactions) groups[group["emoji"].get<std::string>()] = group;
    return groups;
}

TEST_P(MessageApi, OneReactionPerUserAndEmoji) {
    const auto id = chat().newMessage(bob, general, "react to me")["id"].get<std::int64_t>();
    ASSERT_EQ(react("PUT", bob, id, kThumbsUp).status, 200);
    ASSERT_EQ(react("PUT", cat, id, kThumbsUp).status, 200);
    const auto again = react("PUT", bob, id, kThumbsUp);
    ASSERT_EQ(again.status, 200) << again.body;
    ASSERT_EQ(react("PUT", bob, id, ":tada:").status, 200);
    EXPECT_EQ(jsonOf(again)["reactions"],
              nlohmann::json::array({{{"emoji", kThumbsUp}, {"count", 2}, {"user_ids", {bob.id, cat.id}}}}));

    const auto removed = react("DELETE", bob, id, kThumbsUp);
    ASSERT_EQ(removed.status, 200) << removed.body;
    // Groups come in the order of their first reaction; cat's and bob's can share a millisecond, so the
    // comparison does not depend on the order between groups.
    EXPECT_EQ(byEmoji(jsonOf(removed)["reactions"]),
              byEmoji(nlohmann::json::array(
                  {{{"emoji", kThumbsUp}, {"count", 1}, {"user_ids", nlohmann::json::array({cat.id})}},
                   {{"emoji", ":tada:"}, {"count", 1}, {"user_ids", nlohmann::json::array({bob.id})}}})));
    EXPECT_EQ(jsonOf(chat().history(bob, general))["messages"][0]["reactions"], jsonOf(removed)["reactions"]);
    EXPECT_EQ(react("DELETE", bob, id, kThumbsUp).status, 200);  // nothing left to remove

    for (const auto& bad : {std::string("a b"), std::string(65, 'x'), std::string("\xff")}) {
        const auto r = react("PUT", bob, id, bad);
        EXPECT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(errorCodeOf(r), "invalid_field");
        EXPECT_EQ(errorMessageOf(r).rfind("emoji: ", 0), 0u) << errorMessageOf(r);
    }
    EXPECT_EQ(react("PUT", bob, id, std::string(64, 'x')).status, 200);
    EXPECT_EQ(errorCodeOf(react("PUT", adam, id, kThumbsUp)), "not_a_member");
}

TEST_P(MessageApi, MentionsNameMembersByCompactDisplayNameOrEmailLocalPart) {
    const auto message = chat().newMessage(ann, general, "hi @BOB and @CatStevens, cc @cat. see @nobody or bob@example.com");
    EXPECT_EQ(message["mentions"].get<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{bob.id, cat.id}));
    EXPECT_EQ(chat().newMessage(ann, general, "mail bob@example.com")["mentions"], nlohmann::json::array());
    // Someone of another organization is not mentioned.
    EXPECT_EQ(chat().newMessage(ann, general, "@dan")["mentions"], nlohmann::json::array());

    const auto edited = chat().message("PATCH", ann, message["id"], "", {{"text", "only @adam now"}});
    EXPECT_EQ(jsonOf(edited)["mentions"], nlohmann::json::array({adam.id}));
}

TEST_P(MessageApi, UnreadAndMentionCountsRiseAndClear) {
    EXPECT_EQ(unreadOf(cat), (nlohmann::json{{"unread", 0}, {"mentions", 0}, {"last_read_seq", 0}}));
    chat().newMessage(bob, general, "one");
    chat().newMessage(bob, general, "two @cat");
    chat().newMessage(cat, general, "mine");  // one's own messages are never unread
    const auto four = chat().newMessage(bob, general, "four @cat")["id"].get<std::int64_t>();
    EXPECT_EQ(unreadOf(cat), (nlohmann::json{{"unread", 3}, {"mentions", 2}, {"last_read_seq", 0}}));
    EXPECT_EQ(unreadOf(bob), (nlohmann::json{{"unread", 1}, {"mentions", 0}, {"last_read_seq", 0}}));
    EXPECT_EQ(unreadOf(adam)["unread"], 0);  // not a member

    const auto read = chat().markRead(cat, general, 2);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(jsonOf(read), (nlohmann::json{{"channel_id", general}, {"last_read_seq", 2}}));
    EXPECT_EQ(unreadOf(cat), (nlohmann::json{{"unread", 1}, {"mentions", 1}, {"last_read_seq", 2}}));

    // Markers only move forward, and never past the last message.
    EXPECT_EQ(jsonOf(chat().markRead(cat, general, 1))["last_read_seq"], 2);
    chat().message("DELETE", bob, four);  // a deleted message is not unread
    EXPECT_EQ(unreadOf(cat), (nlohmann::json{{"unread", 0}, {"mentions", 0}, {"last_read_seq", 2}}));
    chat().newMessage(bob, general, "five");
    EXPECT_EQ(jsonOf(chat().markRead(cat, general, 999))["last_read_seq"], 5);
    EXPECT_EQ(unreadOf(cat), (nlohmann::json{{"unread", 0}, {"mentions", 0}, {"last_read_seq", 5}}));
    EXPECT_EQ(jsonOf(chat().channel(cat, general))["last_read_seq"], 5);

    EXPECT_EQ(errorCodeOf(chat().markRead(adam, general, 1)), "not_a_member");
    EXPECT_EQ(errorMessageOf(chat().markRead(cat, general, -1)), "seq: must be at least 0");
    EXPECT_EQ(errorMessageOf(chat().call("POST", "/api/channels/" + std::to_string(general) + "/read", cat,
                                         {{"seq", "5"}})),
              "seq: must be an integer");
}

TEST_P(MessageApi, InvalidMessageInputNamesTheField) {
    struct Case {
        nlohmann::json body;
        int status;
        std::string code, message;
    };
    const std::vector<Case> cases = {
        {nlohmann::json::object(), 400, "missing_field", "text: is required"},
        {{{"text", nullptr}}, 400, "missing_field", "text: is required"},
        {{{"text", 5}}, 400, "invalid_field", "text: must be a string"},
        {{{"text", " \n\t "}}, 400, "invalid_field", "text: must not be empty"},
        {{{"text", std::string("a\0b", 3)}}, 400, "invalid_field",
         "text: must not contain control characters other than tab and line breaks"},
        {{{"text", std::string(kMaxMessageBytes + 1, 'x')}}, 413, "message_too_large",
         "text: 4001 bytes, at most 4000 allowed"},
        {{{"text", "x"}, {"client_id", ""}}, 400, "invalid_field", "client_id: must not be empty"},
        {{{"text", "x"}, {"client_id", std::string(65, 'c')}}, 400, "invalid_field",
         "client_id: must be at most 64 characters"},
        {{{"text", "x"}, {"parent_id", "1"}}, 400, "invalid_field", "parent_id: must be a positive integer"},
        {{{"text", "x"}, {"parent_id", 0}}, 400, "invalid_field", "parent_id: must be a positive integer"},
    };
    for (const auto& c : cases) {
        const auto r = chat().post(bob, general, c.body);
        EXPECT_EQ(r.status, c.status) << c.body.dump().substr(0, 80) << " " << r.body;
        EXPECT_EQ(errorCodeOf(r), c.code) << c.body.dump().substr(0, 80);
        EXPECT_EQ(errorMessageOf(r), c.message) << c.body.dump().substr(0, 80);
    }
    const auto malformed = api_->raw("POST", "/api/channels/" + std::to_string(general) + "/messages", "{\"text\": \"x",
                                     {{"Authorization", "Bearer " + bob.token}});
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(errorCodeOf(malformed), "invalid_json");
    // JSON strings are UTF-8: invalid bytes and lone surrogates are refused by the parser.
    for (const auto* body : {"{\"text\": \"bad \xff byte\"}", "{\"text\": \"lone \\ud800 half\"}"}) {
        const auto r = api_->raw("POST", "/api/channels/" + std::to_string(general) + "/messages", body,
                                 {{"Authorization", "Bearer " + bob.token}});
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(errorCodeOf(r), "invalid_json") << body;
    }
    EXPECT_TRUE(chat().texts(bob, general).empty());

    // The limits themselves are allowed: 4000 bytes of text, a client id of 64 characters.
    std::string longest;
    while (longest.size() + 4 <= static_cast<std::size_t>(kMaxMessageBytes)) longest += kThumbsUp;
    EXPECT_EQ(chat().post(bob, general, {{"text", longest}, {"client_id", std::string(64, 'c')}}).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Backends, MessageApi, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
