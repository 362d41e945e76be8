#include <gtest/gtest.h>

#include "identity/api/SessionCookie.hpp"

namespace ocomms::identity::api {
namespace {

using namespace std::chrono_literals;

TEST(SessionCookie, IsHttpOnlyStrictAndLastsTheSessionTtl) {
    EXPECT_EQ(sessionCookie("tok", 3600s, false), "ocomms_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
}

TEST(SessionCookie, IsSecureWhenServedOverHttps) {
    EXPECT_EQ(sessionCookie("tok", 60s, true), "ocomms_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
}

TEST(SessionCookie, ClearingExpiresItAtOnce) {
    EXPECT_EQ(clearedSessionCookie(false), "ocomms_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    EXPECT_EQ(clearedSessionCookie(true), "ocomms_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
}

}  // namespace
}  // namespace ocomms::identity::api
