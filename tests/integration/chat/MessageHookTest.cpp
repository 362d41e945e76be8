// The event bus around posting, with the chat-hook-probe fixture plugin: `message.will_post` may change
// or reject a message before it is stored; `message.posted`, `.updated` and `.deleted` follow commits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chat/ChatApiClient.hpp"

namespace ocomms::test {
namespace {

class MessageHooks : public ChatServerTest {
protected:
    nlohmann::json probeEvents() const {
        return ChatApiClient::expect(api_->call("GET", "/api/plugins/chat-hook-probe/events"), 200, "probe")["events"];
    }
};

TEST_P(MessageHooks, WillPostSeesTheMessageAndMayChangeItsText) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto parent = chat().newMessage(ann, general, "parent");
    const auto shouted = chat().newMessage(ann, general, "shout: quiet please",
                                           {{"client_id", "k-1"}, {"parent_id", parent["id"]}});
    EXPECT_EQ(shouted["text"], "SHOUT: QUIET PLEASE");
    EXPECT_EQ(chat().texts(ann, general), (std::vector<std::string>{"parent", "SHOUT: QUIET PLEASE"}));

    const auto events = probeEvents();
    ASSERT_EQ(events.size(), 4u) << events.dump();
    EXPECT_EQ(events[2]["name"], "message.will_post");
    const auto& payload = events[2]["payload"];
    EXPECT_EQ(payload["org_id"], jsonOf(chat().channel(ann, general))["org_id"]);
    EXPECT_EQ(payload["channel_id"], general);
    EXPECT_EQ(payload["author_id"], ann.id);
    EXPECT_EQ(payload["text"], "shout: quiet please");
    EXPECT_EQ(payload["parent_id"], parent["id"]);
    EXPECT_EQ(payload["client_id"], "k-1");
    EXPECT_EQ(events[3]["name"], "message.posted");
    EXPECT_EQ(events[3]["payload"], shouted);
    EXPECT_TRUE(events[0]["payload"]["parent_id"].is_null());
    EXPECT_TRUE(events[0]["payload"]["client_id"].is_null());

    // A retry is answered from the database; the hooks do not run again.
    EXPECT_EQ(chat().post(ann, general, {{"text", "shout: quiet please"}, {"client_id", "k-1"}}).status, 200);
    EXPECT_EQ(probeEvents().size(), 4u);
}

TEST_P(MessageHooks, RejectedMessageIsNotStored) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto r = chat().post(ann, general, {{"text", "a forbidden thought"}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(errorCodeOf(r), "message_rejected");
    EXPECT_EQ(errorMessageOf(r), "the word 'forbidden' is not allowed here");
    EXPECT_TRUE(chat().texts(ann, general).empty());
    EXPECT_EQ(jsonOf(chat().channel(ann, general))["last_seq"], 0);
}

TEST_P(MessageHooks, TextAHookMadeTooLargeIsRefused) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto r = chat().post(ann, general, {{"text", "grow: a little"}});
    EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
    EXPECT_EQ(errorCodeOf(r), "message_too_large");
    EXPECT_TRUE(chat().texts(ann, general).empty());
}

TEST_P(MessageHooks, EditsAndDeletesAreAnnouncedAfterTheyAreStored) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto id = chat().newMessage(ann, general, "draft")["id"].get<std::int64_t>();
    const auto edited = ChatApiClient::expect(chat().message("PATCH", ann, id, "", {{"text", "final"}}), 200, "edit");
    const auto deleted = ChatApiClient::expect(chat().message("DELETE", ann, id), 200, "delete");
    std::vector<std::string> names;
    for (const auto& event : probeEvents()) names.push_back(event["name"]);
    EXPECT_EQ(names, (std::vector<std::string>{"message.will_post", "message.posted", "message.updated",
                                               "message.deleted"}));
    EXPECT_EQ(probeEvents()[2]["payload"], edited);
    EXPECT_EQ(probeEvents()[3]["payload"], deleted);
}

INSTANTIATE_TEST_SUITE_P(Backends, MessageHooks, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
