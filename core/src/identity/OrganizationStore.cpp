#include "identity/OrganizationStore.hpp"

#include "identity/IdentityErrors.hpp"
#include "identity/UniqueViolation.hpp"

namespace ocomms::identity {

bool OrganizationStore::slugTaken(const std::string& slug) { return bySlug(slug).has_value(); }

OrganizationInfo OrganizationStore::insert(const std::string& slug, const std::string& name,
                                           const std::string& createdAt) {
    long long id = 0;
    try {
        session_ << "INSERT INTO organizations (slug, name, created_at) VALUES (:slug, :name, :created) RETURNING id",
            soci::use(slug), soci::use(name), soci::use(createdAt), soci::into(id);
    } catch (const soci::soci_error& e) {
        if (isUniqueViolation(e)) throw errors::slugTaken(slug);
        throw;
    }
    return {id, slug, name};
}

std::optional<OrganizationInfo> OrganizationStore::bySlug(const std::string& slug) {
    return selectOne("SELECT id, slug, name FROM organizations WHERE slug = :key", soci::use(slug));
}

std::optional<OrganizationInfo> OrganizationStore::byId(long long id) {
    return selectOne("SELECT id, slug, name FROM organizations WHERE id = :key", soci::use(id));
}

bool OrganizationStore::lockForMembershipChange(long long id) {
    long long found = 0;
    const std::string lockClause = dialect_ == Dialect::Postgres ? " FOR UPDATE" : "";
    session_ << "SELECT id FROM organizations WHERE id = :id" + lockClause, soci::use(id), soci::into(found);
    return session_.got_data();
}

}  // namespace ocomms::identity
