// The `invites` table. Like sessions, rows are found by the token's SHA-256.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include <ocomms/identity.hpp>

namespace ocomms::identity {

struct StoredInvite {
    long long id = 0;
    long long organizationId = 0;
    Role role = Role::Member;
    long long expiresAt = 0;  ///< epoch seconds
    bool accepted = false;
};

struct NewInviteRow {
    long long organizationId = 0;
    std::string tokenHash;
    Role role = Role::Member;
    long long createdBy = 0;
    std::string createdAt;
    long long expiresAt = 0;
};

class InviteStore {
public:
    explicit InviteStore(soci::session& session) : session_(session) {}

    void insert(const NewInviteRow& row);
    std::optional<StoredInvite> byTokenHash(const std::string& tokenHash);
    /// Uses the invite up. False when another acceptance got there first.
    bool markAccepted(long long id, long long userId, const std::string& at);

private:
    soci::session& session_;
};

}  // namespace ocomms::identity
