#include "identity/MembershipStore.hpp"

#include <algorithm>
#include <stdexcept>

#include "identity/IdentityService.hpp"

namespace ocomms::identity {
namespace {

Role storedRole(const std::string& name) {
    if (const auto role = parseRole(name)) return *role;
    throw std::runtime_error("memberships.role holds an unknown role '" + name + "'");
}

std::string sortKey(const std::string& text) {
    std::string key = text;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return key;
}

}  // namespace

void MembershipStore::add(long long organizationId, long long userId, Role role, const std::string& createdAt) {
    const std::string roleName(toString(role));
    session_ << "INSERT INTO memberships (organization_id, user_id, role, created_at)"
                " VALUES (:organization, :user, :role, :created)",
        soci::use(organizationId), soci::use(userId), soci::use(roleName), soci::use(createdAt);
}

std::optional<Role> MembershipStore::roleOf(long long userId, long long organizationId) {
    std::string role;
    auto query =
        database_.prepared(session_, "SELECT role FROM memberships WHERE organization_id = :organization AND user_id = :user");
    if (!query.bind(soci::use(organizationId), soci::use(userId), soci::into(role)).execute(true)) return std::nullopt;
    return storedRole(role);
}

// Sorted here rather than in SQL so that both backends agree whatever PostgreSQL's collation is.
std::vector<MemberInfo> MembershipStore::activeMembers(long long organizationId) {
    long long id = 0;
    int instanceAdmin = 0;
    std::string email, displayName, role;
    soci::statement select =
        (session_.prepare << "SELECT u.id, u.email, u.display_name, u.instance_admin, m.role"
                             " FROM memberships m JOIN users u ON u.id = m.user_id"
                             " WHERE m.organization_id = :organization AND u.deactivated_at IS NULL",
         soci::use(organizationId), soci::into(id), soci::into(email), soci::into(displayName),
         soci::into(instanceAdmin), soci::into(role));
    select.execute();
    std::vector<MemberInfo> members;
    while (select.fetch()) members.push_back({UserInfo{id, email, displayName, instanceAdmin != 0}, storedRole(role)});
    std::stable_sort(members.begin(), members.end(), [](const MemberInfo& a, const MemberInfo& b) {
        const auto keyA = sortKey(a.user.displayName), keyB = sortKey(b.user.displayName);
        return keyA != keyB ? keyA < keyB : a.user.id < b.user.id;
    });
    return members;
}

std::vector<Membership> MembershipStore::ofUser(long long userId) {
    long long id = 0;
    std::string slug, name, role;
    soci::statement select =
        (session_.prepare << "SELECT o.id, o.slug, o.name, m.role"
                             " FROM memberships m JOIN organizations o ON o.id = m.organization_id"
                             " WHERE m.user_id = :user",
         soci::use(userId), soci::into(id), soci::into(slug), soci::into(name), soci::into(role));
    select.execute();
    std::vector<Membership> memberships;
    while (select.fetch()) memberships.push_back({OrganizationInfo{id, slug, name}, storedRole(role)});
    std::stable_sort(memberships.begin(), memberships.end(), [](const Membership& a, const Membership& b) {
        const auto keyA = sortKey(a.organization.name), keyB = sortKey(b.organization.name);
        return keyA != keyB ? keyA < keyB : a.organization.id < b.organization.id;
    });
    return memberships;
}

long long MembershipStore::activeOwnersOtherThan(long long organizationId, long long userId) {
    long long owners = 0;
    session_ << "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id"
                " WHERE m.organization_id = :organization AND m.role = 'owner' AND m.user_id <> :user"
                " AND u.deactivated_at IS NULL",
        soci::use(organizationId), soci::use(userId), soci::into(owners);
    return owners;
}

void MembershipStore::setRole(long long organizationId, long long userId, Role role) {
    const std::string roleName(toString(role));
    session_ << "UPDATE memberships SET role = :role WHERE organization_id = :organization AND user_id = :user",
        soci::use(roleName), soci::use(organizationId), soci::use(userId);
}

void MembershipStore::remove(long long organizationId, long long userId) {
    session_ << "DELETE FROM memberships WHERE organization_id = :organization AND user_id = :user",
        soci::use(organizationId), soci::use(userId);
}

}  // namespace ocomms::identity
