#include "http/Origin.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace ocomms::http {
namespace {

std::string problemOf(const std::string& text) {
    try {
        Origin::parse(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

TEST(Origin, ParsesSchemeHostAndPort) {
    EXPECT_EQ(Origin::parse("https://chat.example.com"), (Origin{"https", "chat.example.com", 443}));
    EXPECT_EQ(Origin::parse("http://localhost:3000"), (Origin{"http", "localhost", 3000}));
    EXPECT_EQ(Origin::parse("http://[::1]:8080"), (Origin{"http", "[::1]", 8080}));
    EXPECT_EQ(Origin::parse("http://127.0.0.1"), (Origin{"http", "127.0.0.1", 80}));
    EXPECT_EQ(Origin::parse("app://desktop"), (Origin{"app", "desktop", 0}));
}

TEST(Origin, CaseAndDefaultPortsDoNotMatter) {
    EXPECT_EQ(Origin::parse("HTTPS://Chat.Example.COM"), Origin::parse("https://chat.example.com"));
    EXPECT_EQ(Origin::parse("https://chat.example.com:443"), Origin::parse("https://chat.example.com"));
    EXPECT_EQ(Origin::parse("http://chat.example.com:80"), Origin::parse("http://chat.example.com"));
    EXPECT_NE(Origin::parse("http://chat.example.com"), Origin::parse("https://chat.example.com"));
    EXPECT_NE(Origin::parse("http://chat.example.com:8080"), Origin::parse("http://chat.example.com"));
}

TEST(Origin, MalformedOriginsSayWhatIsWrong) {
    EXPECT_EQ(problemOf("chat.example.com"), "expected scheme://host[:port]");
    EXPECT_EQ(problemOf("https://chat.example.com/"), "an origin has no path, query or trailing slash");
    EXPECT_EQ(problemOf("https://chat.example.com/app"), "an origin has no path, query or trailing slash");
    EXPECT_EQ(problemOf("https://user@chat.example.com"), "an origin has no user part");
    EXPECT_EQ(problemOf("https://"), "the host is missing or malformed");
    EXPECT_EQ(problemOf("https://chat example.com"), "the host is missing or malformed");
    EXPECT_EQ(problemOf("1http://chat.example.com"), "the scheme is missing or malformed");
    EXPECT_EQ(problemOf("://chat.example.com"), "the scheme is missing or malformed");
    for (const char* port : {"", "0", "65536", "80a", "-1"})
        EXPECT_EQ(problemOf(std::string("http://h:") + port), "the port must be a number from 1 to 65535") << port;
    EXPECT_EQ(problemOf("null"), "expected scheme://host[:port]");
}

TEST(Origin, OfUrlIgnoresPathQueryAndFragment) {
    EXPECT_EQ(Origin::ofUrl("https://chat.example.com/team/?x=1#top"), Origin::parse("https://chat.example.com"));
    EXPECT_EQ(Origin::ofUrl("http://localhost:8080"), Origin::parse("http://localhost:8080"));
    EXPECT_THROW(Origin::ofUrl("https:///path"), std::invalid_argument);
}

TEST(Origin, ToStringLeavesOutTheDefaultPort) {
    EXPECT_EQ(Origin::parse("HTTPS://Chat.Example.com:443").toString(), "https://chat.example.com");
    EXPECT_EQ(Origin::parse("http://localhost:3000").toString(), "http://localhost:3000");
}

}  // namespace
}  // namespace ocomms::http
