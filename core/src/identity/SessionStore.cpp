#include "identity/SessionStore.hpp"

namespace ocomms::identity {

void SessionStore::insert(const std::string& tokenHash, long long userId, const std::string& now,
                          long long expiresAt) {
    session_ << "INSERT INTO sessions (token_hash, user_id, created_at, last_used_at, expires_at)"
                " VALUES (:hash, :user, :created, :used, :expires)",
        soci::use(tokenHash), soci::use(userId), soci::use(now), soci::use(now), soci::use(expiresAt);
}

std::optional<ActiveSession> SessionStore::active(const std::string& tokenHash, long long now) {
    ActiveSession found;
    long long userId = 0;
    int instanceAdmin = 0;
    session_ << "SELECT s.id, s.expires_at, u.id, u.email, u.display_name, u.instance_admin"
                " FROM sessions s JOIN users u ON u.id = s.user_id"
                " WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > :now"
                " AND u.deactivated_at IS NULL",
        soci::use(tokenHash), soci::use(now), soci::into(found.id), soci::into(found.expiresAt), soci::into(userId),
        soci::into(found.user.email), soci::into(found.user.displayName), soci::into(instanceAdmin);
    if (!session_.got_data()) return std::nullopt;
    found.user.id = userId;
    found.user.instanceAdmin = instanceAdmin != 0;
    return found;
}

void SessionStore::extend(long long id, long long expiresAt, const std::string& usedAt) {
    session_ << "UPDATE sessions SET expires_at = :expires, last_used_at = :used WHERE id = :id AND revoked_at IS NULL",
        soci::use(expiresAt), soci::use(usedAt), soci::use(id);
}

void SessionStore::revoke(const std::string& tokenHash, const std::string& at) {
    session_ << "UPDATE sessions SET revoked_at = :at WHERE token_hash = :hash AND revoked_at IS NULL", soci::use(at),
        soci::use(tokenHash);
}

void SessionStore::revokeAllOf(long long userId, const std::string& at) {
    session_ << "UPDATE sessions SET revoked_at = :at WHERE user_id = :user AND revoked_at IS NULL", soci::use(at),
        soci::use(userId);
}

}  // namespace ocomms::identity
