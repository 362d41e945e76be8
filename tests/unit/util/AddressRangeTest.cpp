#include <gtest/gtest.h>

#include "util/AddressRange.hpp"

namespace ocomms::util {
namespace {

TEST(AddressRange, SingleAddressContainsOnlyItself) {
    const auto range = AddressRange::parse("10.0.0.2");
    EXPECT_TRUE(range.contains("10.0.0.2"));
    EXPECT_FALSE(range.contains("10.0.0.3"));
}

TEST(AddressRange, CidrRangesOfBothFamilies) {
    const auto v4 = AddressRange::parse("172.16.0.0/12");
    EXPECT_TRUE(v4.contains("172.31.255.255"));
    EXPECT_FALSE(v4.contains("172.32.0.0"));
    const auto v6 = AddressRange::parse("2001:db8::/32");
    EXPECT_TRUE(v6.contains("2001:db8:ffff::1"));
    EXPECT_FALSE(v6.contains("2001:db9::1"));
    EXPECT_FALSE(v6.contains("10.0.0.1")) << "another family never matches";
    EXPECT_TRUE(AddressRange::parse("0.0.0.0/0").contains("203.0.113.9"));
}

TEST(AddressRange, MalformedRangesNameTheText) {
    for (const char* bad : {"", "nonsense", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::1/129", "10.0.0.1:80"}) {
        try {
            AddressRange::parse(bad);
            ADD_FAILURE() << bad;
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos) << e.what();
        }
    }
}

TEST(AddressRange, IsIpAddress) {
    EXPECT_TRUE(isIpAddress("203.0.113.7"));
    EXPECT_TRUE(isIpAddress("::1"));
    EXPECT_FALSE(isIpAddress("203.0.113.7:80"));
    EXPECT_FALSE(isIpAddress("example.com"));
}

}  // namespace
}  // namespace ocomms::util
