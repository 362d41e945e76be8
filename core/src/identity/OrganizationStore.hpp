// The `organizations` table.
#pragma once

#include <optional>
#include <string>
#include <utility>

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
    /// The organization of a query selecting id, slug and name with one bound `:key`, if any.
    template <typename Key>
    std::optional<OrganizationInfo> selectOne(const char* sql, Key&& key) {
        OrganizationInfo organization;
        long long id = 0;
        session_ << sql, std::forward<Key>(key), soci::into(id), soci::into(organization.slug),
            soci::into(organization.name);
        if (!session_.got_data()) return std::nullopt;
        organization.id = id;
        return organization;
    }

    soci::session& session_;
    Dialect dialect_;
};

}  // namespace ocomms::identity
