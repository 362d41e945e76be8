#include "http/RequestTarget.hpp"

#include <gtest/gtest.h>

namespace ocomms::http {
namespace {

TEST(RequestTarget, SplitsOriginFormAtTheFirstQuestionMark) {
    const auto target = splitRequestTarget("/a/b%20c?x=1?y=2");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/a/b%20c");
    EXPECT_EQ(target->query, "x=1?y=2");
}

TEST(RequestTarget, PathWithoutQueryHasEmptyQueryAndFragmentIsDropped) {
    const auto plain = splitRequestTarget("/a");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->path, "/a");
    EXPECT_EQ(plain->query, "");
    const auto withFragment = splitRequestTarget("/a?x#frag");
    ASSERT_TRUE(withFragment);
    EXPECT_EQ(withFragment->query, "x");
}

TEST(RequestTarget, AbsoluteFormKeepsOnlyPathAndQuery) {
    const auto target = splitRequestTarget("http://example.com:8080/api/x?y=1");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/api/x");
    EXPECT_EQ(target->query, "y=1");
    const auto bare = splitRequestTarget("https://example.com");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->path, "/");
}

TEST(RequestTarget, OtherFormsAreRefused) {
    for (const char* target : {"*", "", "a/b", "?x=1", "://host/a"}) EXPECT_FALSE(splitRequestTarget(target)) << target;
}

}  // namespace
}  // namespace ocomms::http
