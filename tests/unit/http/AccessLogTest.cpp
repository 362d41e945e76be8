#include "http/AccessLog.hpp"

#include <gtest/gtest.h>

namespace ocomms::http {
namespace {

using namespace std::chrono_literals;

AccessLogEntry healthCheck() {
    AccessLogEntry entry;
    entry.method = "GET";
    entry.path = "/api/health";
    entry.status = 200;
    entry.bodyBytes = 87;
    entry.elapsed = 1340us;
    entry.requestId = "abc";
    entry.peer = "10.0.0.7:50312";
    entry.owner = "health";
    return entry;
}

TEST(AccessLog, FormatsOneLinePerRequest) {
    EXPECT_EQ(formatAccessLogLine(healthCheck()), "GET /api/health 200 87B 1.3ms rid=abc peer=10.0.0.7:50312 plugin=health");
}

TEST(AccessLog, NoOwnerIsADash) {
    AccessLogEntry entry = healthCheck();
    entry.owner = "";
    EXPECT_TRUE(formatAccessLogLine(entry).ends_with(" plugin=-"));
}

TEST(AccessLog, UnprintableBytesOfMethodAndPathAreEscaped) {
    AccessLogEntry entry = healthCheck();
    entry.method = "G\x1b[31mT";
    entry.path = "/a\nfake line\\";
    EXPECT_TRUE(formatAccessLogLine(entry).starts_with("G\\x1b[31mT /a\\x0afake\\x20line\\x5c 200 "))
        << formatAccessLogLine(entry);
}

}  // namespace
}  // namespace ocomms::http
