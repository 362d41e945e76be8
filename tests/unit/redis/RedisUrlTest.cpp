#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "redis/RedisClient.hpp"
#include "support/ErrorMessage.hpp"

namespace ocomms::redis {
namespace {


TEST(RedisUrl, DefaultsToLocalhostPort6379Database0) {
    const RedisUrl url = parseRedisUrl("redis://");
    EXPECT_EQ(url.host, "127.0.0.1");
    EXPECT_EQ(url.port, 6379);
    EXPECT_EQ(url.db, 0);
    EXPECT_EQ(url.endpoint(), "127.0.0.1:6379");
}

TEST(RedisUrl, ReadsUserPasswordHostPortAndDatabase) {
    const RedisUrl url = parseRedisUrl("redis://app:p%40ss@cache.example.com:6380/3");
    EXPECT_EQ(url.user, "app");
    EXPECT_EQ(url.password, "p@ss");
    EXPECT_EQ(url.host, "cache.example.com");
    EXPECT_EQ(url.port, 6380);
    EXPECT_EQ(url.db, 3);
    const RedisUrl passwordOnly = parseRedisUrl("redis://:secret@cache");
    EXPECT_EQ(passwordOnly.user, "");
    EXPECT_EQ(passwordOnly.password, "secret");
    EXPECT_EQ(parseRedisUrl("redis://[::1]:7000").endpoint(), "[::1]:7000");
}

TEST(RedisUrl, ErrorsSayWhatIsWrongWithoutThePassword) {
    const std::string secret = "Sup3rSecret";
    EXPECT_NE(test::errorMessageOf<RedisError>([&] { parseRedisUrl("redis://:" + secret + "@h:0"); }).find("port"), std::string::npos);
    EXPECT_NE(test::errorMessageOf<RedisError>([&] { parseRedisUrl("redis://:" + secret + "@h/x"); }).find("database"), std::string::npos);
    EXPECT_NE(test::errorMessageOf<RedisError>([&] { parseRedisUrl("rediss://:" + secret + "@h"); }).find("TLS"), std::string::npos);
    EXPECT_NE(test::errorMessageOf<RedisError>([&] { parseRedisUrl("http://:" + secret + "@h"); }).find("scheme"), std::string::npos);
    EXPECT_NE(test::errorMessageOf<RedisError>([&] { parseRedisUrl("redis://h?timeout=1"); }).find("options"), std::string::npos);
    for (const std::string& url : std::vector<std::string>{"redis://:" + secret + "@h:0", "redis://:Sup3r/Secret@h", "redis://:" + secret + "%x@h",
                                   "redis:/:" + secret + "@h"}) {
        const std::string message = test::errorMessageOf<RedisError>([&] { parseRedisUrl(url); });
        EXPECT_EQ(message.find("Sup3r"), std::string::npos) << message;
        EXPECT_EQ(message.find("Secret"), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace ocomms::redis
