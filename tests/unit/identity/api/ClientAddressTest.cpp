#include <gtest/gtest.h>

#include "identity/api/ClientAddress.hpp"

namespace ocomms::identity::api {
namespace {

TEST(ClientAddress, PortIsDroppedFromIpv4) { EXPECT_EQ(clientAddress("203.0.113.7:51234"), "203.0.113.7"); }

TEST(ClientAddress, BracketsAndPortAreDroppedFromIpv6) {
    EXPECT_EQ(clientAddress("[2001:db8::1]:443"), "2001:db8::1");
}

TEST(ClientAddress, AddressWithoutPortIsKept) {
    EXPECT_EQ(clientAddress("203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(clientAddress("2001:db8::1"), "2001:db8::1");
    EXPECT_EQ(clientAddress(""), "");
}

}  // namespace
}  // namespace ocomms::identity::api
