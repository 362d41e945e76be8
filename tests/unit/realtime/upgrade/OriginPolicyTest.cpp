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

TEST(OriginPolicy, APageOfTheHostTheRequestIsAddressedToIsAllowed) {
    const OriginPolicy policy("http://localhost:8080", {});
    EXPECT_TRUE(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
    EXPECT_TRUE(policy.allows("https://chat.example.com", "Chat.Example.com")) << "a left-out port is the default";
    EXPECT_TRUE(policy.allows("http://[::1]:9000", "[::1]:9000"));
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8080", "127.0.0.1:9090"));
    EXPECT_FALSE(policy.allows("https://evil.example.net", "chat.example.com"));
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8080", "127.0.0.1")) << "port 80 is not 8080";
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8080", std::nullopt));
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8080", ""));
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080/path"));
    EXPECT_FALSE(policy.allows("null", "null"));
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
