#include "realtime/hub/FanoutMessage.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace ocomms::realtime {
namespace {

using nlohmann::json;

TEST(FanoutMessageTest, PublishCarriesTheEventAsJsonAndDecodesBack) {
    const std::string event = R"({"type":"message.created","message":{"id":9,"text":"h\u00e9 \"quoted\""}})";
    const std::string payload = encodePublish("node-a", "channel:42", event, 131);
    const json parsed = json::parse(payload);
    EXPECT_EQ(parsed["node"], "node-a");
    EXPECT_EQ(parsed["kind"], "publish");
    EXPECT_EQ(parsed["topic"], "channel:42");
    EXPECT_EQ(parsed["sequence"], 131);
    EXPECT_EQ(parsed["event"], json::parse(event));

    const auto decoded = decodeFanoutMessage(payload);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->kind, FanoutMessage::Kind::Publish);
    EXPECT_EQ(decoded->node, "node-a");
    EXPECT_EQ(decoded->topic, "channel:42");
    EXPECT_EQ(decoded->sequence, 131);
    EXPECT_EQ(json::parse(decoded->eventJson), json::parse(event));
}

TEST(FanoutMessageTest, UnsubscribeUserDecodesBack) {
    const std::string payload = encodeUnsubscribeUser("node-b", 7, "channel:1");
    EXPECT_EQ(json::parse(payload),
              (json{{"node", "node-b"}, {"kind", "unsubscribe_user"}, {"topic", "channel:1"}, {"user_id", 7}}));
    const auto decoded = decodeFanoutMessage(payload);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->kind, FanoutMessage::Kind::UnsubscribeUser);
    EXPECT_EQ(decoded->userId, 7);
    EXPECT_EQ(decoded->topic, "channel:1");
}

TEST(FanoutMessageTest, CloseUserDecodesBack) {
    const std::string payload = encodeCloseUser("node-c", 9, 1008, "access revoked");
    EXPECT_EQ(json::parse(payload), (json{{"node", "node-c"},
                                          {"kind", "close_user"},
                                          {"user_id", 9},
                                          {"code", 1008},
                                          {"reason", "access revoked"}}));
    const auto decoded = decodeFanoutMessage(payload);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->kind, FanoutMessage::Kind::CloseUser);
    EXPECT_EQ(decoded->userId, 9);
    EXPECT_EQ(decoded->code, 1008);
    EXPECT_EQ(decoded->reason, "access revoked");
}

TEST(FanoutMessageTest, PayloadsThatAreNotHubMessagesAreRefused) {
    for (const std::string payload : {
             "not json",
             "[]",
             R"({"kind":"publish","topic":"t","sequence":1,"event":{}})",
             R"({"node":"n","kind":"publish","topic":"t","sequence":"1","event":{}})",
             R"({"node":"n","kind":"publish","topic":"t","sequence":1,"event":"text"})",
             R"({"node":"n","kind":"unsubscribe_user","topic":"t"})",
             R"({"node":"n","kind":"shout","topic":"t"})",
             R"({"node":"n","kind":"close_user","user_id":1,"reason":"r"})",
             R"({"node":"n","kind":"close_user","user_id":1,"code":70000,"reason":"r"})",
             R"({"node":"n","kind":"close_user","user_id":"1","code":1008,"reason":"r"})",
         }) {
        EXPECT_FALSE(decodeFanoutMessage(payload).has_value()) << payload;
    }
}

}  // namespace
}  // namespace ocomms::realtime
