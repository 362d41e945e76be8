// Limits failed logins per account and per client address, so that passwords cannot be guessed at
// speed, from one address or from many. Thread-safe; memory stays bounded.
//
// Checked before the password is verified: an exhausted limit answers 429 whether or not the password is
// right. Check and record are separate steps, so concurrent attempts may overshoot a limit by at most
// the number of requests in flight at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "identity/IdentitySettings.hpp"
#include "identity/api/SlidingWindowLog.hpp"

namespace ocomms::identity {

class LoginRateLimiter {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    /// `maxKeys` bounds the accounts and the addresses remembered (each).
    explicit LoginRateLimiter(LoginLimits limits, Clock clock = std::chrono::steady_clock::now,
                              std::size_t maxKeys = 100'000);

    /// How long the caller must wait when either the account (an email, compared case-insensitively)
    /// or the address has used up its failures; nullopt when the login may be tried.
    std::optional<std::chrono::seconds> retryAfter(const std::string& email, const std::string& address);
    void recordFailure(const std::string& email, const std::string& address);
    /// Clears the account's failures (not the address's: one good password does not vouch for others).
    void recordSuccess(const std::string& email);

private:
    Clock clock_;
    std::mutex mutex_;
    api::SlidingWindowLog accounts_;
    api::SlidingWindowLog addresses_;
};

namespace api {
/// The account an email names: trimmed and ASCII lower-cased, as emails compare case-insensitively.
std::string accountKey(const std::string& email);
}  // namespace api

}  // namespace ocomms::identity
