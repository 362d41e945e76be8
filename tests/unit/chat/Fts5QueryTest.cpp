#include <gtest/gtest.h>

#include "store/Fts5Query.hpp"

namespace ocomms::chat {
namespace {

TEST(Fts5Query, EveryTermIsQuotedSoThatSyntaxIsOnlyText) {
    EXPECT_EQ(fts5Query("deploy green"), "\"deploy\" \"green\"");
    EXPECT_EQ(fts5Query("  NEAR(a b)  "), "\"NEAR(a\" \"b)\"");
    EXPECT_EQ(fts5Query("say \"cheese\""), "\"say\" \"\"\"cheese\"\"\"");
    EXPECT_EQ(fts5Query("\""), "\"\"\"\"");
    EXPECT_EQ(fts5Query("a AND -b*"), "\"a\" \"AND\" \"-b*\"");
    EXPECT_EQ(fts5Query(" \t\n"), "");
}

}  // namespace
}  // namespace ocomms::chat
