#include "http/QueryString.hpp"

#include <gtest/gtest.h>

namespace ocomms::http {
namespace {

using Pairs = std::multimap<std::string, std::string>;

TEST(QueryString, DecodesNamesAndValuesKeepingRepeats) {
    EXPECT_EQ(parseQueryString("q=a+b%21&tag=1&tag=2&na%6De=v"),
              (Pairs{{"q", "a b!"}, {"tag", "1"}, {"tag", "2"}, {"name", "v"}}));
}

TEST(QueryString, NameWithoutEqualsHasEmptyValueAndEmptyPiecesAreSkipped) {
    EXPECT_EQ(parseQueryString("flag&&x=&=y&"), (Pairs{{"flag", ""}, {"x", ""}, {"", "y"}}));
    EXPECT_EQ(parseQueryString(""), Pairs{});
}

TEST(QueryString, ValueMayContainEquals) { EXPECT_EQ(parseQueryString("a=b=c"), (Pairs{{"a", "b=c"}})); }

TEST(QueryString, MalformedEscapeRefusesTheWholeQuery) {
    EXPECT_FALSE(parseQueryString("a=1&b=%zz"));
    EXPECT_FALSE(parseQueryString("a%=1"));
}

}  // namespace
}  // namespace ocomms::http
