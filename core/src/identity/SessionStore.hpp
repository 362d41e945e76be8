// The `sessions` table. Tokens never reach it: rows are found by the token's SHA-256.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include <ocomms/identity.hpp>

namespace ocomms::identity {

struct ActiveSession {
    long long id = 0;
    long long expiresAt = 0;  ///< epoch seconds
    UserInfo user;
};

class SessionStore {
public:
    explicit SessionStore(soci::session& session) : session_(session) {}

    void insert(const std::string& tokenHash, long long userId, const std::string& now, long long expiresAt);
    /// The session when it is unrevoked, unexpired at `now` (epoch seconds), and its user is active.
    std::optional<ActiveSession> active(const std::string& tokenHash, long long now);
    void extend(long long id, long long expiresAt, const std::string& usedAt);
    void revoke(const std::string& tokenHash, const std::string& at);
    void revokeAllOf(long long userId, const std::string& at);

private:
    soci::session& session_;
};

}  // namespace ocomms::identity
