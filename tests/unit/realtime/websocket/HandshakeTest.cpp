#include "realtime/websocket/Handshake.hpp"

#include <gtest/gtest.h>

namespace ocomms::realtime::websocket {
namespace {

TEST(WebSocketHandshake, AcceptKeyMatchesTheRfcExample) {
    EXPECT_EQ(acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(WebSocketHandshake, ClientKeyMustBeBase64OfSixteenBytes) {
    EXPECT_TRUE(isWellFormedClientKey("dGhlIHNhbXBsZSBub25jZQ=="));
    EXPECT_TRUE(isWellFormedClientKey("AQIDBAUGBwgJCgsMDQ4PEA=="));
    EXPECT_FALSE(isWellFormedClientKey(""));
    EXPECT_FALSE(isWellFormedClientKey("dGhlIHNhbXBsZSBub25jZQ"));     // padding missing
    EXPECT_FALSE(isWellFormedClientKey("dGhlIHNhbXBsZSBub25jZQ=x"));   // bad padding
    EXPECT_FALSE(isWellFormedClientKey("dGhlIHNhbXBsZSBub2 5jZQ=="));  // not the alphabet
    EXPECT_FALSE(isWellFormedClientKey("c2hvcnQ="));                   // decodes to 5 bytes
}

}  // namespace
}  // namespace ocomms::realtime::websocket
