#include "identity/InviteStore.hpp"

#include <stdexcept>

namespace ocomms::identity {

void InviteStore::insert(const NewInviteRow& row) {
    const std::string role(toString(row.role));
    session_ << "INSERT INTO invites (organization_id, token_hash, role, created_by, created_at, expires_at)"
                " VALUES (:organization, :hash, :role, :creator, :created, :expires)",
        soci::use(row.organizationId), soci::use(row.tokenHash), soci::use(role), soci::use(row.createdBy),
        soci::use(row.createdAt), soci::use(row.expiresAt);
}

std::optional<StoredInvite> InviteStore::byTokenHash(const std::string& tokenHash) {
    StoredInvite invite;
    std::string role, acceptedAt;
    soci::indicator acceptedIndicator = soci::i_null;
    session_ << "SELECT id, organization_id, role, expires_at, accepted_at FROM invites WHERE token_hash = :hash",
        soci::use(tokenHash), soci::into(invite.id), soci::into(invite.organizationId), soci::into(role),
        soci::into(invite.expiresAt), soci::into(acceptedAt, acceptedIndicator);
    if (!session_.got_data()) return std::nullopt;
    const auto parsed = parseRole(role);
    if (!parsed) throw std::runtime_error("invites.role holds an unknown role '" + role + "'");
    invite.role = *parsed;
    invite.accepted = acceptedIndicator == soci::i_ok;
    return invite;
}

bool InviteStore::markAccepted(long long id, long long userId, const std::string& at) {
    soci::statement update = (session_.prepare << "UPDATE invites SET accepted_at = :at, accepted_by = :user"
                                                  " WHERE id = :id AND accepted_at IS NULL",
                              soci::use(at), soci::use(userId), soci::use(id));
    update.execute(true);
    return update.get_affected_rows() == 1;
}

}  // namespace ocomms::identity
