#include "realtime/upgrade/OriginPolicy.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace ocomms::realtime {
namespace {

TEST(OriginPolicy, PublicUrlOriginIsAlwaysAllowed) {
    const OriginPolicy policy("https://chat.example.com/app", {});
    EXPECT_TRUE(policy.allows("https://chat.example.com"));
    EXPECT_TRUE(policy.allows("https://CHAT.example.com:443"));
    EXPECT_FALSE(policy.allows("http://chat.example.com"));
    EXPECT_FALSE(policy.allows("https://chat.example.com:8443"));
    EXPECT_FALSE(policy.allows("https://evil.example.net"));
}

TEST(OriginPolicy, ListedOriginsAreAllowedAndNoOthers) {
    const OriginPolicy policy("https://chat.example.com", {"http://localhost:3000", "https://desk.example.org"});
    EXPECT_TRUE(policy.allows("http://localhost:3000"));
    EXPECT_TRUE(policy.allows("https://desk.example.org"));
    EXPECT_FALSE(policy.allows("http://localhost:3001"));
    EXPECT_FALSE(policy.allows("https://sub.desk.example.org"));
}

TEST(OriginPolicy, RequestWithoutOriginIsAllowed) {
    const OriginPolicy policy("https://chat.example.com", {});
    EXPECT_TRUE(policy.allows(std::nullopt));
}

TEST(OriginPolicy, NullAndMalformedOriginsAreRefused) {
    const OriginPolicy policy("https://chat.example.com", {});
    EXPECT_FALSE(policy.allows("null"));
    EXPECT_FALSE(policy.allows(""));
    EXPECT_FALSE(policy.allows("https://chat.example.com/"));
}

TEST(OriginPolicy, StarAllowsAnyOrigin) {
    const OriginPolicy policy("https://chat.example.com", {"*"});
    EXPECT_TRUE(policy.allows("https://evil.example.net"));
    EXPECT_TRUE(policy.allows("null"));
}

TEST(OriginPolicy, MalformedEntryIsRefusedNamingIt) {
    try {
        OriginPolicy("https://chat.example.com", {"https://ok.example.org", "ok.example.org"});
        FAIL() << "accepted a malformed origin";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("\"ok.example.org\""), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace ocomms::realtime
