// The core's identity service: accounts, sessions, organizations, memberships and invites.
//
// Every failure a user can cause is an ocomms::http::HttpError with a stable code, so the API answers it
// as it is and the CLI prints its message. Input is validated here (not only in the API), so the CLI
// and the API enforce the same rules; a message names the field at fault ("password: must be at least
// 10 characters").
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <ocomms/database.hpp>
#include <ocomms/http.hpp>
#include <ocomms/identity.hpp>
#include <ocomms/logger.hpp>

#include "identity/IdentitySettings.hpp"
#include "identity/PasswordHasher.hpp"

namespace ocomms::identity {

struct NewAccount {
    std::string email;        ///< 3..254 bytes, one '@', no spaces; unique case-insensitively
    std::string password;     ///< 10..1024 bytes
    std::string displayName;  ///< 1..100 characters of valid UTF-8, trimmed, no control characters
};

struct NewOrganization {
    std::string slug;  ///< 2..40 of [a-z0-9-], starting and ending with a letter or digit; unique
    std::string name;  ///< 1..100 characters, trimmed
};

/// A signed-in session: the token is returned once and only its SHA-256 is stored.
struct IssuedSession {
    std::string token;  ///< 256 random bits, base64url without padding (43 characters)
    UserInfo user;
    std::chrono::system_clock::time_point expiresAt;
};

struct IssuedInvite {
    std::string token;  ///< 256 random bits, base64url; only its SHA-256 is stored
    std::chrono::system_clock::time_point expiresAt;
};

struct UserSummary {
    UserInfo user;
    std::string createdAt;      ///< ISO-8601 UTC
    bool deactivated = false;
    bool mustResetPassword = false;
};

struct Membership {
    OrganizationInfo organization;
    Role role = Role::Member;
};

class IdentityService final : public Identity {
public:
    IdentityService(Database& database, IdentitySettings settings, Logger& logger);

    // ---- ocomms::Identity, for plugins ----
    std::optional<UserInfo> user(std::int64_t id) override;
    std::optional<OrganizationInfo> organization(const std::string& slug) override;
    std::optional<Role> roleIn(std::int64_t userId, std::int64_t organizationId) override;
    std::vector<MemberInfo> members(std::int64_t organizationId) override;
    std::vector<OrganizationInfo> organizationsOf(std::int64_t userId) override;

    // ---- accounts ----
    /// True once any user exists (registration then needs an invite, unless open).
    bool hasUsers();
    /// The first user of a fresh instance: instance admin, and owner of a new organization; signed in.
    /// 409 `already_initialized` when a user exists (checked inside the same transaction).
    IssuedSession registerFirstUser(const NewAccount& account, const NewOrganization& organization);
    /// Joins the invite's organization with the invite's role; signed in. 404 `invite_not_found`,
    /// 410 `invite_expired`, 409 `email_taken`.
    IssuedSession registerWithInvite(const NewAccount& account, const std::string& inviteToken);
    /// Only with `auth.open_registration: true` (else 403 `registration_closed`); belongs to no organization.
    IssuedSession registerOpen(const NewAccount& account);
    /// 401 `invalid_credentials` for an unknown email, a wrong password and a deactivated user alike (with
    /// the same work done in each case); rehashes a hash weaker than the configured cost; a new token each
    /// time. 403 `password_reset_required` for an account that must have its password set first (an
    /// imported one), whatever password was given. Does not rate-limit: the API does (it knows the
    /// client's address).
    IssuedSession login(const std::string& email, const std::string& password);
    /// Revokes the session of this token (no error when it is unknown or already revoked).
    void logout(const std::string& token);
    /// The active user of a valid, unexpired, unrevoked session, sliding its expiry; nullopt otherwise.
    std::optional<UserInfo> authenticate(const std::string& token);
    /// Creates an active user outside registration (the admin CLI), without signing them in; the first
    /// user of an instance is made instance admin. 409 `email_taken`.
    UserInfo createUser(const NewAccount& account);
    std::optional<UserSummary> userByEmail(const std::string& email);
    std::vector<UserSummary> listUsers();
    /// Sets a new password, clears must-reset, and revokes every session of the user.
    void setPassword(std::int64_t userId, const std::string& password);
    /// Deactivates the user and revokes every session; they can no longer sign in.
    void deactivate(std::int64_t userId);

    // ---- organizations ----
    /// The creator becomes its owner. 409 `slug_taken`.
    OrganizationInfo createOrganization(std::int64_t ownerId, const NewOrganization& organization);
    std::vector<Membership> membershipsOf(std::int64_t userId);
    /// A one-time invite to join with `role` (not owner: 400), valid for auth.invite_ttl.
    IssuedInvite createInvite(std::int64_t organizationId, std::int64_t createdBy, Role role);
    /// Adds the user to the invite's organization and uses the invite up. 404 `invite_not_found` (unknown
    /// or already used), 410 `invite_expired`, 409 `already_member`. Returns the organization.
    OrganizationInfo acceptInvite(const std::string& inviteToken, std::int64_t userId);
    /// 404 `member_not_found`; 409 `last_owner` when it would leave the organization without an owner.
    void changeRole(std::int64_t organizationId, std::int64_t userId, Role role);
    /// 404 `member_not_found`; 409 `last_owner`.
    void removeMember(std::int64_t organizationId, std::int64_t userId);

    /// Told, after the change is committed, of a user who lost access: deactivated, or removed from an
    /// organization. Set once, before serving.
    void onAccessRevoked(std::function<void(std::int64_t userId)> listener);
    /// The users deactivated at or after `moment`, by any process sharing the database.
    std::vector<std::int64_t> deactivatedSince(std::chrono::system_clock::time_point moment);

    const IdentitySettings& settings() const { return settings_; }

private:
    struct PreparedAccount;
    /// Validates the account and hashes its password: slow, so done before any transaction begins.
    PreparedAccount prepare(const NewAccount& account) const;
    UserInfo insertUser(soci::session& session, const PreparedAccount& account, bool instanceAdmin);
    IssuedSession startSession(soci::session& session, const UserInfo& user);

    Database& database_;
    IdentitySettings settings_;
    Logger& logger_;
    PasswordHasher hasher_;
    /// Verified against when a sign-in names an unknown email, so that it costs what a known one does.
    std::string dummyHash_;
    std::function<void(std::int64_t)> accessRevoked_;
};

}  // namespace ocomms::identity
