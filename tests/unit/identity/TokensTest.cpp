#include <set>
#include <string>

#include <gtest/gtest.h>

#include "identity/Tokens.hpp"

namespace ocomms::identity {
namespace {

TEST(TokensTest, TokenIs43Base64UrlCharactersWithoutPadding) {
    const std::string token = newToken();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << token;
}

TEST(TokensTest, TokensDoNotRepeat) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(newToken());
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokensTest, HashIsLowerCaseHexSha256) {
    EXPECT_EQ(tokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(tokenHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const std::string token = newToken();
    EXPECT_EQ(tokenHash(token), tokenHash(token));
    EXPECT_NE(tokenHash(token), tokenHash(newToken()));
}

}  // namespace
}  // namespace ocomms::identity
