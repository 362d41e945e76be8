#include <gtest/gtest.h>

#include "identity/SessionToken.hpp"

namespace ocomms::identity {
namespace {

http::Request withHeaders(std::initializer_list<std::pair<std::string, std::string>> headers) {
    http::Request request;
    for (const auto& [name, value] : headers) request.headers.emplace(name, value);
    return request;
}

TEST(SessionToken, BearerHeaderIsRead) {
    EXPECT_EQ(sessionTokenOf(withHeaders({{"Authorization", "Bearer abc123"}})), "abc123");
    EXPECT_EQ(sessionTokenOf(withHeaders({{"authorization", "bearer  abc123 "}})), "abc123");
}

TEST(SessionToken, OtherSchemesAreNotTokens) {
    EXPECT_EQ(sessionTokenOf(withHeaders({{"Authorization", "Basic dXNlcjpwYXNz"}})), std::nullopt);
    EXPECT_EQ(sessionTokenOf(withHeaders({{"Authorization", "Bearer "}})), std::nullopt);
}

TEST(SessionToken, CookieIsReadAmongOthers) {
    EXPECT_EQ(sessionTokenOf(withHeaders({{"Cookie", "theme=dark; ocomms_session=tok_1; lang=fr"}})), "tok_1");
    EXPECT_EQ(sessionTokenOf(withHeaders({{"Cookie", "ocomms_sessionx=no"}})), std::nullopt);
}

TEST(SessionToken, BearerWinsOverCookie) {
    EXPECT_EQ(sessionTokenOf(withHeaders({{"Cookie", "ocomms_session=from-cookie"},
                                          {"Authorization", "Bearer from-header"}})),
              "from-header");
}

TEST(SessionToken, NothingSentIsNoToken) { EXPECT_EQ(sessionTokenOf(http::Request{}), std::nullopt); }

}  // namespace
}  // namespace ocomms::identity
