// What a valid email, password, display name, organization slug and name look like. Each check throws
// HttpError 400 `invalid_field` with "field: reason", and returns the value as it is to be stored.
#pragma once

#include <string>
#include <string_view>

#include <ocomms/identity.hpp>

namespace ocomms::identity {

struct CheckedEmail {
    std::string email;       ///< as given, without surrounding whitespace
    std::string normalized;  ///< lower-cased: what uniqueness and sign-in compare
};

/// 3..254 bytes, exactly one '@' with text on both sides, no whitespace or control characters.
CheckedEmail checkedEmail(std::string_view email);
/// The normalized form of an email as typed at sign-in, without judging it.
std::string normalizedEmail(std::string_view email);
/// 10..1024 bytes.
void checkPassword(std::string_view password);
/// Trimmed; 1..100 characters of valid UTF-8 without control characters.
std::string checkedDisplayName(std::string_view displayName);
/// 2..40 of [a-z0-9-], starting and ending with a letter or digit.
std::string checkedSlug(std::string_view slug);
/// Trimmed; 1..100 characters of valid UTF-8 without control characters.
std::string checkedOrganizationName(std::string_view name);
/// Invites grant member or admin; ownership is given by changing a member's role.
void checkInviteRole(Role role);

}  // namespace ocomms::identity
