// argon2id password hashes in libsodium's self-describing string form ("$argon2id$v=19$m=...,t=...,p=1$...").
#pragma once

#include <string>
#include <string_view>

#include "identity/IdentitySettings.hpp"

namespace ocomms::identity {

class PasswordHasher {
public:
    static constexpr std::size_t kMinPasswordBytes = 10;
    static constexpr std::size_t kMaxPasswordBytes = 1024;
    /// Stored instead of a hash for an account that has no password yet (an imported one): not a hash
    /// string libsodium accepts, so no password verifies against it.
    static constexpr std::string_view kNoPassword = "!no-password";

    explicit PasswordHasher(PasswordCost cost);

    /// Throws std::invalid_argument for a password outside 10..1024 bytes (callers validate first, with a
    /// message for the user), std::runtime_error when argon2 cannot get its memory.
    std::string hash(std::string_view password) const;
    /// False for a wrong password, a malformed hash, or a password longer than any hash() accepts.
    bool verify(const std::string& hash, std::string_view password) const;
    /// Whether the hash was made with other parameters (or another algorithm) than the configured cost.
    bool needsRehash(const std::string& hash) const;

private:
    unsigned long long opsLimit_;
    std::size_t memLimit_;
};

}  // namespace ocomms::identity
