#include "config/Duration.hpp"

#include <gtest/gtest.h>

namespace ocomms::config {
namespace {

using std::chrono::milliseconds;

TEST(Duration, ParsesEveryUnit) {
    EXPECT_EQ(parseDuration("250ms"), milliseconds(250));
    EXPECT_EQ(parseDuration("30s"), milliseconds(30'000));
    EXPECT_EQ(parseDuration("5m"), milliseconds(300'000));
    EXPECT_EQ(parseDuration("2h"), milliseconds(7'200'000));
    EXPECT_EQ(parseDuration("7d"), milliseconds(604'800'000));
}

TEST(Duration, BareNumberIsSeconds) {
    EXPECT_EQ(parseDuration("10"), milliseconds(10'000));
    EXPECT_EQ(parseDuration("0"), milliseconds(0));
}

TEST(Duration, RefusesWhatIsNotADuration) {
    for (const char* text : {"", "s", "ms", "abc", "10x", "10 s", " 10s", "10s ", "-5s", "+5s", "1.5s", "5S", "1h30m",
                             "10msx", "99999999999999999999s"}) {
        EXPECT_EQ(parseDuration(text), std::nullopt) << text;
    }
}

TEST(Duration, RefusesAmountsThatOverflowMilliseconds) {
    EXPECT_EQ(parseDuration("9223372036854775807d"), std::nullopt);
    EXPECT_EQ(parseDuration("9223372036854775807ms"), milliseconds(9223372036854775807LL));
}

TEST(Duration, FormatsWithTheLargestExactUnit) {
    EXPECT_EQ(formatDuration(milliseconds(90'000)), "90s");
    EXPECT_EQ(formatDuration(milliseconds(3'600'000)), "1h");
    EXPECT_EQ(formatDuration(milliseconds(300'000)), "5m");
    EXPECT_EQ(formatDuration(milliseconds(86'400'000)), "1d");
    EXPECT_EQ(formatDuration(milliseconds(1'500)), "1500ms");
    EXPECT_EQ(formatDuration(milliseconds(10)), "10ms");
    EXPECT_EQ(formatDuration(milliseconds(0)), "0s");
}

TEST(Duration, FormatThenParseIsTheSameLength) {
    for (long long count : {1LL, 999LL, 1000LL, 61'000LL, 5'400'000LL, 172'800'000LL}) {
        EXPECT_EQ(parseDuration(formatDuration(milliseconds(count))), milliseconds(count)) << count;
    }
}

}  // namespace
}  // namespace ocomms::config
