// Secret tokens (sessions, invites): random, URL-safe, and stored only as their SHA-256.
#pragma once

#include <string>
#include <string_view>

namespace ocomms::identity {

/// 256 bits from the CSPRNG as base64url without padding: 43 characters.
std::string newToken();

/// Lower-case hex SHA-256 of the token (64 characters): what the database stores and looks up.
std::string tokenHash(std::string_view token);

}  // namespace ocomms::identity
