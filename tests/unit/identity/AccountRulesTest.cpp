#include <string>

#include <gtest/gtest.h>

#include <ocomms/http.hpp>

#include "identity/AccountRules.hpp"

namespace ocomms::identity {
namespace {

/// "code: message" of the HttpError the action throws.
template <typename Action>
std::string rejectionOf(Action&& action) {
    try {
        action();
    } catch (const http::HttpError& e) {
        return std::to_string(e.status()) + " " + e.code() + ": " + e.what();
    }
    ADD_FAILURE() << "expected an HttpError";
    return {};
}

TEST(AccountRulesTest, EmailIsTrimmedAndNormalizedToLowerCase) {
    const CheckedEmail email = checkedEmail("  Ada.Lovelace@Example.COM ");
    EXPECT_EQ(email.email, "Ada.Lovelace@Example.COM");
    EXPECT_EQ(email.normalized, "ada.lovelace@example.com");
    EXPECT_EQ(normalizedEmail(" ADA@example.com"), "ada@example.com");
}

TEST(AccountRulesTest, EmailRulesNameTheFieldAndTheReason) {
    EXPECT_EQ(rejectionOf([] { checkedEmail("a@"); }), "400 invalid_field: email: must be at least 3 characters");
    EXPECT_EQ(rejectionOf([] { checkedEmail(std::string(250, 'a') + "@b.cd"); }),
              "400 invalid_field: email: must be at most 254 characters");
    EXPECT_EQ(rejectionOf([] { checkedEmail("ada.example.com"); }),
              "400 invalid_field: email: must contain exactly one '@'");
    EXPECT_EQ(rejectionOf([] { checkedEmail("ada@b@example.com"); }),
              "400 invalid_field: email: must contain exactly one '@'");
    EXPECT_EQ(rejectionOf([] { checkedEmail("ada lovelace@example.com"); }),
              "400 invalid_field: email: must not contain spaces or control characters");
    EXPECT_EQ(rejectionOf([] { checkedEmail("@example.com"); }),
              "400 invalid_field: email: needs text before and after '@'");
    EXPECT_EQ(rejectionOf([] { checkedEmail("ada@\xff\xfe"); }), "400 invalid_field: email: must be valid UTF-8");
    EXPECT_NO_THROW(checkedEmail(std::string(242, 'a') + "@example.com"));
}

TEST(AccountRulesTest, PasswordMustBeTenTo1024Bytes) {
    EXPECT_EQ(rejectionOf([] { checkPassword("123456789"); }),
              "400 invalid_field: password: must be at least 10 characters");
    EXPECT_EQ(rejectionOf([] { checkPassword(std::string(1025, 'x')); }),
              "400 invalid_field: password: must be at most 1024 bytes");
    EXPECT_NO_THROW(checkPassword("1234567890"));
    EXPECT_NO_THROW(checkPassword(std::string(1024, 'x')));
}

TEST(AccountRulesTest, DisplayNameIsTrimmedAndCountedInCharacters) {
    EXPECT_EQ(checkedDisplayName("  Ada Lovelace\t"), "Ada Lovelace");
    std::string hundredUmlauts;
    for (int i = 0; i < 100; ++i) hundredUmlauts += "\xc3\xa4";
    EXPECT_EQ(checkedDisplayName(hundredUmlauts), hundredUmlauts) << "200 bytes, 100 characters";
    EXPECT_EQ(rejectionOf([] { checkedDisplayName(std::string(101, 'a')); }),
              "400 invalid_field: display_name: must be at most 100 characters");
    EXPECT_EQ(rejectionOf([] { checkedDisplayName("   "); }), "400 invalid_field: display_name: must not be empty");
    EXPECT_EQ(rejectionOf([] { checkedDisplayName("Ada\x01"); }),
              "400 invalid_field: display_name: must not contain control characters");
    EXPECT_EQ(rejectionOf([] { checkedDisplayName("Ada\xc2\x85"); }),
              "400 invalid_field: display_name: must not contain control characters")
        << "C1 control NEL";
    EXPECT_EQ(rejectionOf([] { checkedDisplayName("Ada\xc0\xaf"); }),
              "400 invalid_field: display_name: must be valid UTF-8")
        << "overlong encoding";
    EXPECT_EQ(rejectionOf([] { checkedDisplayName("Ada\xed\xa0\x80"); }),
              "400 invalid_field: display_name: must be valid UTF-8")
        << "surrogate";
}

TEST(AccountRulesTest, SlugIsLowerCaseLettersDigitsAndInnerDashes) {
    EXPECT_EQ(checkedSlug("acme-42"), "acme-42");
    EXPECT_NO_THROW(checkedSlug("a1"));
    EXPECT_NO_THROW(checkedSlug(std::string(40, 'a')));
    EXPECT_EQ(rejectionOf([] { checkedSlug("a"); }), "400 invalid_field: slug: must be 2 to 40 characters");
    EXPECT_EQ(rejectionOf([] { checkedSlug(std::string(41, 'a')); }),
              "400 invalid_field: slug: must be 2 to 40 characters");
    EXPECT_EQ(rejectionOf([] { checkedSlug("Acme"); }),
              "400 invalid_field: slug: may contain only lower-case letters a-z, digits and '-'");
    EXPECT_EQ(rejectionOf([] { checkedSlug("ac me"); }),
              "400 invalid_field: slug: may contain only lower-case letters a-z, digits and '-'");
    EXPECT_EQ(rejectionOf([] { checkedSlug("-acme"); }),
              "400 invalid_field: slug: must start and end with a letter or digit");
    EXPECT_EQ(rejectionOf([] { checkedSlug("acme-"); }),
              "400 invalid_field: slug: must start and end with a letter or digit");
}

TEST(AccountRulesTest, OrganizationNameFollowsTheNameRules) {
    EXPECT_EQ(checkedOrganizationName(" Acme Inc. "), "Acme Inc.");
    EXPECT_EQ(rejectionOf([] { checkedOrganizationName(""); }), "400 invalid_field: name: must not be empty");
    EXPECT_EQ(rejectionOf([] { checkedOrganizationName(std::string(101, 'a')); }),
              "400 invalid_field: name: must be at most 100 characters");
}

TEST(AccountRulesTest, InvitesGrantMemberOrAdminOnly) {
    EXPECT_NO_THROW(checkInviteRole(Role::Member));
    EXPECT_NO_THROW(checkInviteRole(Role::Admin));
    EXPECT_EQ(rejectionOf([] { checkInviteRole(Role::Owner); }), "400 invalid_field: role: must be member or admin");
}

}  // namespace
}  // namespace ocomms::identity
