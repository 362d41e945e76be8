#include <gtest/gtest.h>

#include "http/TrustedProxies.hpp"

namespace ocomms::http {
namespace {

TEST(TrustedProxies, WithoutTrustedProxiesThePeerIsTheClient) {
    const TrustedProxies none;
    EXPECT_EQ(none.clientAddress("203.0.113.7", "198.51.100.1"), "203.0.113.7");
}

TEST(TrustedProxies, AnUntrustedPeerCannotClaimAnotherAddress) {
    const TrustedProxies proxies({"10.0.0.0/8"});
    EXPECT_EQ(proxies.clientAddress("203.0.113.7", "198.51.100.1"), "203.0.113.7");
}

TEST(TrustedProxies, TheRightmostUntrustedHopIsTheClient) {
    const TrustedProxies proxies({"10.0.0.0/8", "127.0.0.1"});
    EXPECT_EQ(proxies.clientAddress("127.0.0.1", "198.51.100.1"), "198.51.100.1");
    // The client may send its own X-Forwarded-For: only what our proxies appended is believed.
    EXPECT_EQ(proxies.clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3"), "198.51.100.1");
}

TEST(TrustedProxies, GarbledEntriesStopTheWalk) {
    const TrustedProxies proxies({"127.0.0.1"});
    EXPECT_EQ(proxies.clientAddress("127.0.0.1", "not-an-ip"), "127.0.0.1");
    EXPECT_EQ(proxies.clientAddress("127.0.0.1", "1.2.3.4, garbage, 198.51.100.1"), "198.51.100.1");
    EXPECT_EQ(proxies.clientAddress("127.0.0.1", std::nullopt), "127.0.0.1");
}

TEST(TrustedProxies, WhenEveryHopIsTrustedTheLeftmostIsTheClient) {
    const TrustedProxies proxies({"10.0.0.0/8", "127.0.0.1"});
    EXPECT_EQ(proxies.clientAddress("127.0.0.1", "10.0.0.5, 10.0.0.9"), "10.0.0.5");
}

}  // namespace
}  // namespace ocomms::http
