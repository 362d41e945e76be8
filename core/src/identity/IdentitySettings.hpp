// The `auth:` section of the configuration, as the identity service uses it.
#pragma once

#include <chrono>
#include <cstdint>

namespace ocomms::identity {

/// argon2id cost. The defaults are OWASP's minimum (19 MiB, t=2); stronger is fine, weaker is refused
/// by the configuration schema.
struct PasswordCost {
    std::uint64_t memoryBytes = 19ull << 20;
    std::uint64_t iterations = 2;
};

struct LoginLimits {
    int perAccount = 10;   ///< failed logins per account within `window`
    int perAddress = 10;   ///< failed logins per client address within `window`
    std::chrono::seconds window{60};
};

struct IdentitySettings {
    PasswordCost passwordCost;
    std::chrono::seconds sessionTtl{30 * 24 * 3600};  ///< sliding: each use extends it
    std::chrono::seconds inviteTtl{7 * 24 * 3600};
    bool openRegistration = false;
    LoginLimits loginLimits;
};

}  // namespace ocomms::identity
