#include <gtest/gtest.h>

#include <vector>

#include "Mentions.hpp"

namespace ocomms::chat {
namespace {

const std::vector<MemberInfo> kMembers = {
    {UserInfo{1, "ann.lee@example.com", "Ann Lee", false}, Role::Owner},
    {UserInfo{2, "bob@example.com", "Bob", false}, Role::Member},
    {UserInfo{3, "zoe@example.com", "Zo\xc3\xab", false}, Role::Member},
    {UserInfo{4, "other.bob@example.com", "bob", false}, Role::Member},
};

using Ids = std::vector<std::int64_t>;

TEST(Mentions, DisplayNameWithoutSpacesOrEmailLocalPartInAnyCase) {
    EXPECT_EQ(mentionedUsers("hi @AnnLee", kMembers), Ids{1});
    EXPECT_EQ(mentionedUsers("hi @ann.lee", kMembers), Ids{1});
    EXPECT_EQ(mentionedUsers("hi @ANNLEE", kMembers), Ids{1});
    EXPECT_EQ(mentionedUsers("@Zo\xc3\xab and @zoe", kMembers), Ids{3});
}

TEST(Mentions, EveryMemberWithTheNameIsMentionedOnceInOrder) {
    EXPECT_EQ(mentionedUsers("@bob @bob @annlee", kMembers), (Ids{1, 2, 4}));
}

TEST(Mentions, PunctuationAroundANameIsNotPartOfIt) {
    EXPECT_EQ(mentionedUsers("(@bob), @annlee: @ann.lee. @zoe!", kMembers), (Ids{1, 2, 3, 4}));
    EXPECT_EQ(mentionedUsers("thanks @ann.lee...", kMembers), Ids{1});
}

TEST(Mentions, AnAtSignInsideAWordOrWithoutAKnownNameMentionsNobody) {
    EXPECT_TRUE(mentionedUsers("write to bob@example.com", kMembers).empty());
    EXPECT_TRUE(mentionedUsers("@ @@ @nobody @bo @bobby", kMembers).empty());
    EXPECT_TRUE(mentionedUsers("", kMembers).empty());
}

}  // namespace
}  // namespace ocomms::chat
