#include "MessageText.hpp"
#include "WireProtocol.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace ocomms::bench {
namespace {

using Kind = Incoming::Kind;

TEST(MessageText, CarriesItsSendTimeThroughJson) {
    const auto text = messageText(123456789012, 7, 3, 64);
    EXPECT_EQ(text.size(), 64u);
    const nlohmann::json message = {{"message", {{"id", 1}, {"text", text}}}, {"type", "message.created"}};
    EXPECT_EQ(sendTimeInJson(message.dump()), 123456789012);
    EXPECT_EQ(sendTimeInJson(R"({"type":"ack"})"), std::nullopt);
}

TEST(OcommsProtocol, FramesAreTheDocumentedJson) {
    auto protocol = ocommsProtocol();
    EXPECT_EQ(protocol->upgradeTarget(), "/api/ws");
    EXPECT_EQ(nlohmann::json::parse(protocol->subscribeText(12)),
              (nlohmann::json{{"type", "subscribe"}, {"channel_id", 12}, {"after_seq", 0}}));
    EXPECT_EQ(nlohmann::json::parse(protocol->sendText(12, "hi", "c-1")),
              (nlohmann::json{{"type", "message.send"}, {"channel_id", 12}, {"text", "hi"}, {"client_id", "c-1"}}));
}

TEST(OcommsProtocol, ClassifiesByType) {
    auto protocol = ocommsProtocol();
    const nlohmann::json delivery = {{"message", {{"text", messageText(42, 0, 1, 40)}, {"type", "system"}}},
                                     {"type", "message.created"}};
    const auto delivered = protocol->classify(delivery.dump());
    EXPECT_EQ(delivered.kind, Kind::Delivered);
    EXPECT_EQ(delivered.sendNs, 42);
    EXPECT_EQ(protocol->classify(R"({"type":"ack","ref":1,"seq":3})").kind, Kind::Acked);
    EXPECT_EQ(protocol->classify(R"({"type":"subscribed","channel_id":1})").kind, Kind::Subscribed);
    EXPECT_EQ(protocol->classify(R"({"type":"error","code":"not_a_member"})").kind, Kind::Failed);
    EXPECT_EQ(protocol->classify(R"({"type":"presence","user_id":1})").kind, Kind::Ignored);
}

TEST(SocketIoProtocol, EventsAskForAcksWithFreshIds) {
    auto protocol = socketIoProtocol();
    EXPECT_EQ(protocol->subscribeText(5), R"(421["subscribe",{"channel_id":5}])");
    EXPECT_EQ(protocol->sendText(5, "hi", "c-1"), R"(422["message.send",{"channel_id":5,"text":"hi","client_id":"c-1"}])");
}

TEST(SocketIoProtocol, AnswersTheEngineIoOpenAndPings) {
    auto protocol = socketIoProtocol();
    const auto open = protocol->classify(R"(0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000})");
    EXPECT_EQ(open.kind, Kind::Reply);
    EXPECT_EQ(open.reply, "40");
    const auto ping = protocol->classify("2");
    EXPECT_EQ(ping.kind, Kind::Reply);
    EXPECT_EQ(ping.reply, "3");
    EXPECT_EQ(protocol->classify(R"(40{"sid":"xyz"})").kind, Kind::Connected);
}

TEST(SocketIoProtocol, TellsAcksAndDeliveriesApart) {
    auto protocol = socketIoProtocol();
    EXPECT_EQ(protocol->classify(R"(431[{"channel_id":5,"seq":0}])").kind, Kind::Subscribed);
    EXPECT_EQ(protocol->classify(R"(4312[{"message_id":9,"seq":4}])").kind, Kind::Acked);
    EXPECT_EQ(protocol->classify(R"(437[{"error":{"code":"invalid_field"}}])").kind, Kind::Failed);
    const auto delivered = protocol->classify(
        R"(42["message.created",{"message":{"id":9,"channel_id":5,"seq":4,"author_id":1,"text":"77 0:1 xx","client_id":"0-1"}}])");
    EXPECT_EQ(delivered.kind, Kind::Delivered);
    EXPECT_EQ(delivered.sendNs, 77);
    EXPECT_EQ(protocol->classify("41").kind, Kind::Failed);
}

}  // namespace
}  // namespace ocomms::bench
