#include "util/PercentEncoding.hpp"

#include <gtest/gtest.h>

namespace ocomms::util {
namespace {

TEST(PercentDecoding, DecodesEscapesInEitherCase) {
    EXPECT_EQ(percentDecode("a%20b%2fc%2Fd"), "a b/c/d");
    EXPECT_EQ(percentDecode("%e2%82%AC"), "\xE2\x82\xAC");
    EXPECT_EQ(percentDecode(""), "");
}

TEST(PercentDecoding, PlusIsASpaceOnlyWhenAsked) {
    EXPECT_EQ(percentDecode("a+b"), "a+b");
    EXPECT_EQ(percentDecode("a+b%2B", true), "a b+");
}

TEST(PercentDecoding, MalformedEscapesAreRefused) {
    for (const char* text : {"%", "%4", "a%zz", "%g0", "100%"}) {
        EXPECT_FALSE(percentDecode(text)) << text;
        EXPECT_FALSE(isWellFormedPercentEncoding(text)) << text;
    }
    EXPECT_TRUE(isWellFormedPercentEncoding("/a%20b/c"));
}

}  // namespace
}  // namespace ocomms::util
