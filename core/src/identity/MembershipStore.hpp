// The `memberships` table: who belongs to which organization, with which role.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include <ocomms/identity.hpp>

namespace ocomms::identity {

struct Membership;

class MembershipStore {
public:
    MembershipStore(soci::session& session, Database& database) : session_(session), database_(database) {}

    void add(long long organizationId, long long userId, Role role, const std::string& createdAt);
    std::optional<Role> roleOf(long long userId, long long organizationId);
    /// Members whose account is active, ordered by display name (case-insensitively for ASCII), then id.
    std::vector<MemberInfo> activeMembers(long long organizationId);
    /// Ordered by organization name, then id.
    std::vector<Membership> ofUser(long long userId);
    /// Owners with an active account, not counting `userId`.
    long long activeOwnersOtherThan(long long organizationId, long long userId);
    void setRole(long long organizationId, long long userId, Role role);
    void remove(long long organizationId, long long userId);

private:
    soci::session& session_;
    Database& database_;
};

}  // namespace ocomms::identity
