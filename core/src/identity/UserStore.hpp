// The `users` table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/identity.hpp>

namespace ocomms::identity {

struct StoredUser {
    UserInfo info;
    std::string passwordHash;
    std::string createdAt;
    bool mustResetPassword = false;
    bool deactivated = false;
};

struct NewUserRow {
    std::string email;
    std::string emailNormalized;
    std::string displayName;
    std::string passwordHash;
    bool instanceAdmin = false;
    std::string createdAt;
};

/// A user created by an import: no password yet, and the times of the instance it came from.
struct ImportedUserRow {
    std::string email;
    std::string emailNormalized;
    std::string displayName;
    std::string createdAt;
    std::optional<std::string> deactivatedAt;
};

class UserStore {
public:
    explicit UserStore(soci::session& session) : session_(session) {}

    long long count();
    bool emailTaken(const std::string& emailNormalized);
    /// The new user's id. 409 `email_taken` when another insert won the race for the email.
    long long insert(const NewUserRow& row);
    /// Without a usable password and marked must-reset: sign-in answers `password_reset_required` until
    /// `ocomms admin reset-password` sets one.
    long long insertWithoutPassword(const ImportedUserRow& row);
    /// Deactivated users too: callers decide what they may see.
    std::optional<StoredUser> byId(long long id);
    std::optional<StoredUser> byEmail(const std::string& emailNormalized);
    /// Ordered by id.
    std::vector<StoredUser> all();
    /// Only while the stored hash is still `oldHash`, so that a rehash at sign-in cannot undo a password
    /// set meanwhile.
    void replacePasswordHash(long long id, const std::string& oldHash, const std::string& newHash);
    /// Also clears must-reset.
    void setNewPassword(long long id, const std::string& passwordHash);
    /// Keeps the first deactivation time when called again.
    void deactivate(long long id, const std::string& at);
    /// The users deactivated at or after `at` (an ISO-8601 UTC time as the table stores them).
    std::vector<long long> deactivatedSince(const std::string& at);

private:
    template <typename... Keys>
    std::vector<StoredUser> select(const std::string& condition, const Keys&... keys);

    soci::session& session_;
};

}  // namespace ocomms::identity
