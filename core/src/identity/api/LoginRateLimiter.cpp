#include "identity/api/LoginRateLimiter.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace ocomms::identity {

std::string api::accountKey(const std::string& email) {
    const auto notSpace = [](char c) { return !std::isspace(static_cast<unsigned char>(c)); };
    const auto first = std::find_if(email.begin(), email.end(), notSpace);
    const auto last = std::find_if(email.rbegin(), email.rend(), notSpace).base();
    std::string key = first < last ? std::string(first, last) : std::string();
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return key;
}

LoginRateLimiter::LoginRateLimiter(LoginLimits limits, Clock clock, std::size_t maxKeys)
    : clock_(std::move(clock)),
      accounts_(limits.perAccount, limits.window, maxKeys),
      addresses_(limits.perAddress, limits.window, maxKeys) {}

std::optional<std::chrono::seconds> LoginRateLimiter::retryAfter(const std::string& email, const std::string& address) {
    const auto now = clock_();
    std::lock_guard lock(mutex_);
    const auto account = accounts_.retryAfter(api::accountKey(email), now);
    const auto peer = addresses_.retryAfter(address, now);
    if (account && peer) return std::max(*account, *peer);
    return account ? account : peer;
}

void LoginRateLimiter::recordFailure(const std::string& email, const std::string& address) {
    const auto now = clock_();
    std::lock_guard lock(mutex_);
    accounts_.record(api::accountKey(email), now);
    addresses_.record(address, now);
}

void LoginRateLimiter::recordSuccess(const std::string& email) {
    std::lock_guard lock(mutex_);
    accounts_.forget(api::accountKey(email));
}

}  // namespace ocomms::identity
