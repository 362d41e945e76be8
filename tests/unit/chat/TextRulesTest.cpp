#include <gtest/gtest.h>

#include <string>

#include "TextRules.hpp"
#include "support/HttpFailure.hpp"

namespace ocomms::chat {
namespace {

using test::httpFailureOf;

TEST(TextRules, ChannelNameIsTrimmedAndBounded) {
    EXPECT_EQ(checkedChannelName("  general\n"), "general");
    EXPECT_EQ(checkedChannelName(std::string(80, 'n')), std::string(80, 'n'));
    EXPECT_EQ(httpFailureOf([] { checkedChannelName(std::string(81, 'n')); }),
              "400 invalid_field: name: must be at most 80 characters");
    EXPECT_EQ(httpFailureOf([] { checkedChannelName(" \t "); }), "400 invalid_field: name: must not be empty");
    EXPECT_EQ(httpFailureOf([] { checkedChannelName("a\x7f"); }), "400 invalid_field: name: must not contain control characters");
    EXPECT_EQ(httpFailureOf([] { checkedChannelName("\xc3\x28"); }), "400 invalid_field: name: must be valid UTF-8");
}

TEST(TextRules, EmptyTopicClearsIt) {
    EXPECT_EQ(checkedTopic("  "), std::nullopt);
    EXPECT_EQ(checkedTopic(" plans "), "plans");
}

TEST(TextRules, MessageTextIsLimitedInBytesAndMayHoldLineBreaks) {
    EXPECT_EQ(httpFailureOf([] { checkMessageText("line one\n\tline two\r\n", 100); }), "no error");
    EXPECT_EQ(httpFailureOf([] { checkMessageText("\xe2\x82\xac\xe2\x82\xac", 5); }),
              "413 message_too_large: text: 6 bytes, at most 5 allowed");
    EXPECT_EQ(httpFailureOf([] { checkMessageText("\xe2\x82\xac", 3); }), "no error");
    // U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE are blank too.
    EXPECT_EQ(httpFailureOf([] { checkMessageText("\xe3\x80\x80\xc2\xa0", 100); }),
              "400 invalid_field: text: must not be empty");
    EXPECT_EQ(httpFailureOf([] { checkMessageText("bell\x07", 100); }),
              "400 invalid_field: text: must not contain control characters other than tab and line breaks");
    // Overlong encodings and surrogates are not UTF-8.
    for (const auto* invalid : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "abc\xe2\x82"}) {
        EXPECT_EQ(httpFailureOf([&] { checkMessageText(invalid, 100); }), "400 invalid_field: text: must be valid UTF-8")
            << invalid;
    }
}

TEST(TextRules, EmojiIsOneToSixtyFourBytesWithoutWhitespace) {
    EXPECT_EQ(httpFailureOf([] { checkEmoji("\xf0\x9f\x91\x8d"); }), "no error");
    EXPECT_EQ(httpFailureOf([] { checkEmoji(":+1:"); }), "no error");
    EXPECT_EQ(httpFailureOf([] { checkEmoji(std::string(64, 'x')); }), "no error");
    EXPECT_EQ(httpFailureOf([] { checkEmoji(std::string(65, 'x')); }), "400 invalid_field: emoji: must be 1 to 64 bytes");
    EXPECT_EQ(httpFailureOf([] { checkEmoji(""); }), "400 invalid_field: emoji: must be 1 to 64 bytes");
    EXPECT_EQ(httpFailureOf([] { checkEmoji("a\xe2\x80\x83" "b"); }),
              "400 invalid_field: emoji: must not contain whitespace or control characters");
}

TEST(TextRules, ClientIdIsOneToSixtyFourCharacters) {
    EXPECT_EQ(httpFailureOf([] { checkClientId(std::string(64, 'c')); }), "no error");
    EXPECT_EQ(httpFailureOf([] { checkClientId(std::string(65, 'c')); }),
              "400 invalid_field: client_id: must be at most 64 characters");
    EXPECT_EQ(httpFailureOf([] { checkClientId(""); }), "400 invalid_field: client_id: must not be empty");
}

}  // namespace
}  // namespace ocomms::chat
