// The `organizations` table.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include <ocomms/database.hpp>
#include <ocomms/identity.hpp>

namespace ocomms::identity {

class OrganizationStore {
public:
    OrganizationStore(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

    bool slugTaken(const std::string& slug);
    /// 409 `slug_taken` when another insert won the race for the slug.
    OrganizationInfo insert(const std::string& slug, const std::string& name, const std::string& createdAt);
    std::optional<OrganizationInfo> bySlug(const std::string& slug);
    std::optional<OrganizationInfo> byId(long long id);
    /// Serialises changes to the organization's memberships until the transaction ends, so that two of
    /// them cannot both pass an "another owner remains" check. PostgreSQL locks the row; SQLite's write
    /// transaction already holds the database. False when the organization does not exist.
    bool lockForMembershipChange(long long id);

private:
    soci::session& session_;
    Dialect dialect_;
};

}  // namespace ocomms::identity
