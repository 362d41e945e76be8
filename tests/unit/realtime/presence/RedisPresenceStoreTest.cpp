#include "realtime/presence/RedisPresenceStore.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include "realtime/presence/RedisPresence.hpp"

namespace ocomms::realtime {
namespace {

TEST(RedisPresenceStore, ReadsAnAnnouncement) {
    const auto announcement =
        RedisPresenceStore::parseAnnouncement(R"({"node":"n1","user_id":42,"status":"away"})");
    ASSERT_TRUE(announcement.has_value());
    EXPECT_EQ(announcement->node, "n1");
    EXPECT_EQ(announcement->userId, 42);
    EXPECT_EQ(announcement->status, PresenceStatus::Away);
}

TEST(RedisPresenceStore, RefusesWhatIsNotAnAnnouncement) {
    for (const char* payload : {"", "not json", "[]", R"({"user_id":1,"status":"online"})",
                                R"({"node":"n","user_id":"1","status":"online"})",
                                R"({"node":"n","user_id":1,"status":"busy"})", R"({"node":"n","user_id":1})"}) {
        EXPECT_FALSE(RedisPresenceStore::parseAnnouncement(payload).has_value()) << payload;
    }
}

TEST(RedisPresence, NodeIdsAreUniqueAndNameTheProcess) {
    const std::string first = RedisPresence::uniqueNodeId();
    EXPECT_NE(first, RedisPresence::uniqueNodeId());
    EXPECT_NE(first.find("-" + std::to_string(::getpid()) + "-"), std::string::npos) << first;
}

}  // namespace
}  // namespace ocomms::realtime
