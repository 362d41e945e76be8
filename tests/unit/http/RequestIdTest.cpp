#include "http/RequestId.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace ocomms::http {
namespace {

TEST(RequestId, AcceptsShortIdsOfSafeCharacters) {
    EXPECT_TRUE(isAcceptableRequestId("a"));
    EXPECT_TRUE(isAcceptableRequestId("550e8400-e29b-41d4-a716-446655440000"));
    EXPECT_TRUE(isAcceptableRequestId("trace.ID_9-x"));
    EXPECT_TRUE(isAcceptableRequestId(std::string(128, 'z')));
}

TEST(RequestId, RefusesEmptyLongOrUnsafeIds) {
    EXPECT_FALSE(isAcceptableRequestId(""));
    EXPECT_FALSE(isAcceptableRequestId(std::string(129, 'z')));
    for (const char* id : {"a b", "a\nb", "a\"b", "a/b", "a=b", "\xC3\xA9"}) EXPECT_FALSE(isAcceptableRequestId(id)) << id;
}

TEST(RequestId, NewIdsAre32LowercaseHexAndDistinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = newRequestId();
        ASSERT_EQ(id.size(), 32u);
        ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace ocomms::http
