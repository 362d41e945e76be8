#include "identity/IdentityService.hpp"

#include "identity/AccountRules.hpp"
#include "identity/IdentityErrors.hpp"
#include "identity/InviteStore.hpp"
#include "identity/MembershipStore.hpp"
#include "identity/OrganizationStore.hpp"
#include "identity/SessionStore.hpp"
#include "identity/Timestamps.hpp"
#include "identity/Tokens.hpp"
#include "identity/UserStore.hpp"

namespace ocomms::identity {
namespace {

/// Writing the sliding expiry on every request would make every request a write; a minute's slack is
/// invisible next to a session lifetime of days.
constexpr long long kExpiryWriteSlackSeconds = 60;

StoredInvite usableInvite(InviteStore& invites, const std::string& tokenHash) {
    const auto invite = invites.byTokenHash(tokenHash);
    if (!invite || invite->accepted) throw errors::inviteNotFound();
    if (invite->expiresAt <= epochSeconds(Clock::now())) throw errors::inviteExpired();
    return *invite;
}

UserSummary summaryOf(const StoredUser& user) {
    return {user.info, user.createdAt, user.deactivated, user.mustResetPassword};
}

/// Whether the users table is empty, in a way that holds until the transaction ends: PostgreSQL needs the
/// table locked against inserts; SQLite's write transaction already holds the whole database.
bool noUsersYet(soci::session& session, Dialect dialect) {
    if (dialect == Dialect::Postgres) session << "LOCK TABLE users IN EXCLUSIVE MODE";
    return UserStore(session).count() == 0;
}

std::optional<StoredUser> activeUser(UserStore& users, std::int64_t id) {
    auto user = users.byId(id);
    if (!user || user->deactivated) return std::nullopt;
    return user;
}

}  // namespace

struct IdentityService::PreparedAccount {
    CheckedEmail email;
    std::string displayName;
    std::string passwordHash;
};

IdentityService::IdentityService(Database& database, IdentitySettings settings, Logger& logger)
    : database_(database), settings_(settings), logger_(logger), hasher_(settings.passwordCost),
      dummyHash_(hasher_.hash(newToken())) {}

// ---- ocomms::Identity ----

std::optional<UserInfo> IdentityService::user(std::int64_t id) {
    PooledSession session = database_.session();
    UserStore users(*session);
    const auto found = activeUser(users, id);
    if (!found) return std::nullopt;
    return found->info;
}

std::optional<OrganizationInfo> IdentityService::organization(const std::string& slug) {
    PooledSession session = database_.session();
    return OrganizationStore(*session, database_.dialect()).bySlug(slug);
}

std::optional<Role> IdentityService::roleIn(std::int64_t userId, std::int64_t organizationId) {
    PooledSession session = database_.session();
    return MembershipStore(*session, database_).roleOf(userId, organizationId);
}

std::vector<MemberInfo> IdentityService::members(std::int64_t organizationId) {
    PooledSession session = database_.session();
    return MembershipStore(*session, database_).activeMembers(organizationId);
}

std::vector<OrganizationInfo> IdentityService::organizationsOf(std::int64_t userId) {
    std::vector<OrganizationInfo> organizations;
    for (auto& membership : membershipsOf(userId)) organizations.push_back(std::move(membership.organization));
    return organizations;
}

// ---- accounts ----

IdentityService::PreparedAccount IdentityService::prepare(const NewAccount& account) const {
    PreparedAccount prepared{checkedEmail(account.email), checkedDisplayName(account.displayName), {}};
    checkPassword(account.password);
    prepared.passwordHash = hasher_.hash(account.password);
    return prepared;
}

UserInfo IdentityService::insertUser(soci::session& session, const PreparedAccount& account, bool instanceAdmin) {
    UserStore users(session);
    if (users.emailTaken(account.email.normalized)) throw errors::emailTaken();
    const long long id = users.insert({account.email.email, account.email.normalized, account.displayName,
                                       account.passwordHash, instanceAdmin, isoUtc(Clock::now())});
    return {id, account.email.email, account.displayName, instanceAdmin};
}

IssuedSession IdentityService::startSession(soci::session& session, const UserInfo& user) {
    const auto now = Clock::now();
    const long long expiresAt = epochSeconds(now + settings_.sessionTtl);
    IssuedSession issued{newToken(), user, fromEpochSeconds(expiresAt)};
    SessionStore(session).insert(tokenHash(issued.token), user.id, isoUtc(now), expiresAt);
    return issued;
}

bool IdentityService::hasUsers() {
    PooledSession session = database_.session();
    return UserStore(*session).count() > 0;
}

IssuedSession IdentityService::registerFirstUser(const NewAccount& account, const NewOrganization& organization) {
    const std::string slug = checkedSlug(organization.slug);
    const std::string name = checkedOrganizationName(organization.name);
    if (hasUsers()) throw errors::alreadyInitialized();
    const PreparedAccount prepared = prepare(account);
    const Dialect dialect = database_.dialect();
    auto issued = database_.writeTransaction([&](soci::session& session) {
        // The check above only spares a hash; this one, under the lock, is the one that counts.
        if (!noUsersYet(session, dialect)) throw errors::alreadyInitialized();
        const UserInfo user = insertUser(session, prepared, true);
        const OrganizationInfo created = OrganizationStore(session, dialect).insert(slug, name, isoUtc(Clock::now()));
        MembershipStore(session, database_).add(created.id, user.id, Role::Owner, isoUtc(Clock::now()));
        return startSession(session, user);
    });
    logger_.info("first user " + std::to_string(issued.user.id) + " registered as instance admin and owner of '" +
                 slug + "'");
    return issued;
}

IssuedSession IdentityService::registerWithInvite(const NewAccount& account, const std::string& inviteToken) {
    const std::string inviteHash = tokenHash(inviteToken);
    {
        // Refuses a bad invite before spending a password hash on it.
        PooledSession session = database_.session();
        InviteStore invites(*session);
        usableInvite(invites, inviteHash);
    }
    const PreparedAccount prepared = prepare(account);
    return database_.writeTransaction([&](soci::session& session) {
        InviteStore invites(session);
        const StoredInvite invite = usableInvite(invites, inviteHash);
        const UserInfo user = insertUser(session, prepared, false);
        if (!invites.markAccepted(invite.id, user.id, isoUtc(Clock::now()))) throw errors::inviteNotFound();
        MembershipStore(session, database_).add(invite.organizationId, user.id, invite.role, isoUtc(Clock::now()));
        return startSession(session, user);
    });
}

IssuedSession IdentityService::registerOpen(const NewAccount& account) {
    if (!settings_.openRegistration) throw errors::registrationClosed();
    const PreparedAccount prepared = prepare(account);
    return database_.writeTransaction([&](soci::session& session) {
        return startSession(session, insertUser(session, prepared, false));
    });
}

IssuedSession IdentityService::login(const std::string& email, const std::string& password) {
    std::optional<StoredUser> stored;
    {
        PooledSession session = database_.session();
        stored = UserStore(*session).byEmail(normalizedEmail(email));
    }
    // Verified in every case, so that unknown and deactivated accounts cost the same as a wrong password.
    const bool matches = hasher_.verify(stored ? stored->passwordHash : dummyHash_, password);
    if (!stored || stored->deactivated) throw errors::invalidCredentials();
    // An imported account has no password to guess; saying so is the only way its owner learns what to do.
    if (stored->mustResetPassword) throw errors::passwordResetRequired();
    if (!matches) throw errors::invalidCredentials();

    std::optional<std::string> strongerHash;
    if (hasher_.needsRehash(stored->passwordHash) && password.size() >= PasswordHasher::kMinPasswordBytes) {
        strongerHash = hasher_.hash(password);
    }
    return database_.writeTransaction([&](soci::session& session) {
        if (strongerHash) UserStore(session).replacePasswordHash(stored->info.id, stored->passwordHash, *strongerHash);
        return startSession(session, stored->info);
    });
}

void IdentityService::logout(const std::string& token) {
    PooledSession session = database_.session();
    SessionStore(*session).revoke(tokenHash(token), isoUtc(Clock::now()));
}

std::optional<UserInfo> IdentityService::authenticate(const std::string& token) {
    if (token.empty()) return std::nullopt;
    const auto now = Clock::now();
    PooledSession session = database_.session();
    SessionStore sessions(*session);
    const auto found = sessions.active(tokenHash(token), epochSeconds(now));
    if (!found) return std::nullopt;
    const long long slidExpiry = epochSeconds(now + settings_.sessionTtl);
    if (slidExpiry - found->expiresAt > kExpiryWriteSlackSeconds) sessions.extend(found->id, slidExpiry, isoUtc(now));
    return found->user;
}

UserInfo IdentityService::createUser(const NewAccount& account) {
    const PreparedAccount prepared = prepare(account);
    const UserInfo user = database_.writeTransaction([&](soci::session& session) {
        return insertUser(session, prepared, noUsersYet(session, database_.dialect()));
    });
    logger_.info("user " + std::to_string(user.id) + " created" + (user.instanceAdmin ? " as instance admin" : ""));
    return user;
}

std::optional<UserSummary> IdentityService::userByEmail(const std::string& email) {
    PooledSession session = database_.session();
    const auto found = UserStore(*session).byEmail(normalizedEmail(email));
    if (!found) return std::nullopt;
    return summaryOf(*found);
}

std::vector<UserSummary> IdentityService::listUsers() {
    PooledSession session = database_.session();
    std::vector<UserSummary> summaries;
    for (const StoredUser& user : UserStore(*session).all()) summaries.push_back(summaryOf(user));
    return summaries;
}

void IdentityService::setPassword(std::int64_t userId, const std::string& password) {
    checkPassword(password);
    const std::string hash = hasher_.hash(password);
    database_.writeTransaction([&](soci::session& session) {
        UserStore users(session);
        if (!users.byId(userId)) throw errors::userNotFound();
        users.setNewPassword(userId, hash);
        SessionStore(session).revokeAllOf(userId, isoUtc(Clock::now()));
    });
    logger_.info("password of user " + std::to_string(userId) + " set; their sessions were revoked");
}

void IdentityService::deactivate(std::int64_t userId) {
    database_.writeTransaction([&](soci::session& session) {
        UserStore users(session);
        if (!users.byId(userId)) throw errors::userNotFound();
        const std::string now = isoUtc(Clock::now());
        users.deactivate(userId, now);
        SessionStore(session).revokeAllOf(userId, now);
    });
    if (accessRevoked_) accessRevoked_(userId);
    logger_.info("user " + std::to_string(userId) + " deactivated; their sessions were revoked");
}

// ---- organizations ----

OrganizationInfo IdentityService::createOrganization(std::int64_t ownerId, const NewOrganization& organization) {
    const std::string slug = checkedSlug(organization.slug);
    const std::string name = checkedOrganizationName(organization.name);
    return database_.writeTransaction([&](soci::session& session) {
        UserStore users(session);
        if (!activeUser(users, ownerId)) throw errors::userNotFound();
        OrganizationStore organizations(session, database_.dialect());
        if (organizations.slugTaken(slug)) throw errors::slugTaken(slug);
        const std::string now = isoUtc(Clock::now());
        const OrganizationInfo created = organizations.insert(slug, name, now);
        MembershipStore(session, database_).add(created.id, ownerId, Role::Owner, now);
        return created;
    });
}

std::vector<Membership> IdentityService::membershipsOf(std::int64_t userId) {
    PooledSession session = database_.session();
    return MembershipStore(*session, database_).ofUser(userId);
}

IssuedInvite IdentityService::createInvite(std::int64_t organizationId, std::int64_t createdBy, Role role) {
    checkInviteRole(role);
    const auto now = Clock::now();
    IssuedInvite issued{newToken(), fromEpochSeconds(epochSeconds(now + settings_.inviteTtl))};
    database_.writeTransaction([&](soci::session& session) {
        if (!OrganizationStore(session, database_.dialect()).byId(organizationId)) {
            throw errors::organizationNotFound();
        }
        UserStore users(session);
        if (!activeUser(users, createdBy)) throw errors::userNotFound();
        InviteStore(session).insert({organizationId, tokenHash(issued.token), role, createdBy, isoUtc(now),
                                     epochSeconds(issued.expiresAt)});
    });
    return issued;
}

OrganizationInfo IdentityService::acceptInvite(const std::string& inviteToken, std::int64_t userId) {
    const std::string inviteHash = tokenHash(inviteToken);
    return database_.writeTransaction([&](soci::session& session) {
        InviteStore invites(session);
        const StoredInvite invite = usableInvite(invites, inviteHash);
        UserStore users(session);
        if (!activeUser(users, userId)) throw errors::userNotFound();
        OrganizationStore organizations(session, database_.dialect());
        const auto organization = organizations.byId(invite.organizationId);
        if (!organization) throw errors::inviteNotFound();
        MembershipStore memberships(session, database_);
        if (memberships.roleOf(userId, invite.organizationId)) throw errors::alreadyMember();
        if (!invites.markAccepted(invite.id, userId, isoUtc(Clock::now()))) throw errors::inviteNotFound();
        memberships.add(invite.organizationId, userId, invite.role, isoUtc(Clock::now()));
        return *organization;
    });
}

void IdentityService::changeRole(std::int64_t organizationId, std::int64_t userId, Role role) {
    database_.writeTransaction([&](soci::session& session) {
        if (!OrganizationStore(session, database_.dialect()).lockForMembershipChange(organizationId)) {
            throw errors::memberNotFound();
        }
        MembershipStore memberships(session, database_);
        const auto current = memberships.roleOf(userId, organizationId);
        if (!current) throw errors::memberNotFound();
        if (*current == Role::Owner && role != Role::Owner &&
            memberships.activeOwnersOtherThan(organizationId, userId) == 0) {
            throw errors::lastOwner();
        }
        memberships.setRole(organizationId, userId, role);
    });
}

void IdentityService::removeMember(std::int64_t organizationId, std::int64_t userId) {
    database_.writeTransaction([&](soci::session& session) {
        if (!OrganizationStore(session, database_.dialect()).lockForMembershipChange(organizationId)) {
            throw errors::memberNotFound();
        }
        MembershipStore memberships(session, database_);
        const auto current = memberships.roleOf(userId, organizationId);
        if (!current) throw errors::memberNotFound();
        if (*current == Role::Owner && memberships.activeOwnersOtherThan(organizationId, userId) == 0) {
            throw errors::lastOwner();
        }
        memberships.remove(organizationId, userId);
    });
    if (accessRevoked_) accessRevoked_(userId);
}

void IdentityService::onAccessRevoked(std::function<void(std::int64_t userId)> listener) {
    accessRevoked_ = std::move(listener);
}

std::vector<std::int64_t> IdentityService::deactivatedSince(Clock::time_point moment) {
    PooledSession session = database_.session();
    const auto ids = UserStore(*session).deactivatedSince(isoUtc(moment));
    return {ids.begin(), ids.end()};
}

}  // namespace ocomms::identity
