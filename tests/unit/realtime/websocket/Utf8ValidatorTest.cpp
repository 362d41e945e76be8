#include "realtime/websocket/Utf8Validator.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace ocomms::realtime::websocket {
namespace {

bool isValid(std::string_view text) {
    Utf8Validator validator;
    return validator.feed(text) && validator.complete();
}

std::string hex(std::string_view text) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        out += kDigits[byte >> 4];
        out += kDigits[byte & 0xF];
        out += ' ';
    }
    return out;
}

TEST(Utf8Validator, AcceptsEveryEncodingLengthAtItsBoundaries) {
    for (const std::string_view text : {
             std::string_view(""), std::string_view("plain ascii"), std::string_view("\x00\x7F", 2),
             std::string_view("\xC2\x80"), std::string_view("\xDF\xBF"),                     // U+0080, U+07FF
             std::string_view("\xE0\xA0\x80"), std::string_view("\xED\x9F\xBF"),             // U+0800, U+D7FF
             std::string_view("\xEE\x80\x80"), std::string_view("\xEF\xBF\xBF"),             // U+E000, U+FFFF
             std::string_view("\xF0\x90\x80\x80"), std::string_view("\xF4\x8F\xBF\xBF"),     // U+10000, U+10FFFF
             std::string_view("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xB8\xAD\xE6\x96\x87"),
         }) {
        EXPECT_TRUE(isValid(text)) << hex(text);
    }
}

TEST(Utf8Validator, RefusesEveryIllFormedClass) {
    for (const std::string_view text : {
             std::string_view("\xC0\x80"), std::string_view("\xC1\xBF"),                     // overlong, 2 bytes
             std::string_view("\xE0\x80\x80"), std::string_view("\xE0\x9F\xBF"),             // overlong, 3 bytes
             std::string_view("\xF0\x80\x80\x80"), std::string_view("\xF0\x8F\xBF\xBF"),     // overlong, 4 bytes
             std::string_view("\xED\xA0\x80"), std::string_view("\xED\xBF\xBF"),             // surrogates
             std::string_view("\xED\xA0\xBD\xED\xB8\x80"),                                   // a CESU-8 pair
             std::string_view("\xF4\x90\x80\x80"), std::string_view("\xF5\x80\x80\x80"),     // past U+10FFFF
             std::string_view("\xF8\x88\x80\x80\x80"), std::string_view("\xFE"), std::string_view("\xFF"),
             std::string_view("\x80"), std::string_view("a\xBF"),                            // stray continuation
             std::string_view("\xC2\x41"), std::string_view("\xE2\x82\x41"),                 // lead without continuation
             std::string_view("\xF0\x9F\x98\xC3\xA9"),
         }) {
        EXPECT_FALSE(isValid(text)) << hex(text);
    }
}

TEST(Utf8Validator, TruncatedSequenceIsIncompleteButNotYetWrong) {
    for (const std::string_view text : {std::string_view("\xC3"), std::string_view("a\xE2\x82"),
                                        std::string_view("\xF0\x9F\x98")}) {
        Utf8Validator validator;
        EXPECT_TRUE(validator.feed(text)) << hex(text);
        EXPECT_FALSE(validator.complete()) << hex(text);
    }
}

TEST(Utf8Validator, SequencesSplitAtEveryPointAcrossChunksAreAccepted) {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z\xF4\x8F\xBF\xBF";
    for (std::size_t split = 0; split <= text.size(); ++split) {
        Utf8Validator validator;
        EXPECT_TRUE(validator.feed(std::string_view(text).substr(0, split))) << split;
        EXPECT_TRUE(validator.feed(std::string_view(text).substr(split))) << split;
        EXPECT_TRUE(validator.complete()) << split;
    }
    Utf8Validator oneByteAtATime;
    for (const char c : text) EXPECT_TRUE(oneByteAtATime.feed(std::string_view(&c, 1)));
    EXPECT_TRUE(oneByteAtATime.complete());
}

TEST(Utf8Validator, IllFormedSequenceSplitAcrossChunksIsRefusedWhereItBreaks) {
    Utf8Validator surrogate;
    EXPECT_TRUE(surrogate.feed("ok \xED"));
    EXPECT_FALSE(surrogate.feed("\xA0\x80"));

    Utf8Validator overlong;
    EXPECT_TRUE(overlong.feed("\xF0"));
    EXPECT_FALSE(overlong.feed("\x8F"));
}

TEST(Utf8Validator, FindsABadByteAnywhereInALongAsciiRun) {
    const std::string ascii(40, 'x');
    for (std::size_t position = 0; position <= ascii.size(); ++position) {
        std::string text = ascii;
        text.insert(position, "\xFF");
        EXPECT_FALSE(isValid(text)) << position;
        text[position] = '\xC3';
        text.insert(position + 1, "\xA9");
        EXPECT_TRUE(isValid(text)) << position;
    }
}

TEST(Utf8Validator, FailureSticksUntilReset) {
    Utf8Validator validator;
    EXPECT_FALSE(validator.feed("\xC0\xAF"));
    EXPECT_FALSE(validator.feed("fine"));
    EXPECT_FALSE(validator.complete());
    validator.reset();
    EXPECT_TRUE(validator.feed("fine"));
    EXPECT_TRUE(validator.complete());
}

}  // namespace
}  // namespace ocomms::realtime::websocket
