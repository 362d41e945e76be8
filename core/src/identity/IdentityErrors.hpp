// The identity service's failures, each with its HTTP status and stable code, in one place.
#pragma once

#include <ocomms/http.hpp>

namespace ocomms::identity::errors {

inline http::HttpError invalidCredentials() { return {401, "invalid_credentials", "wrong email or password"}; }
inline http::HttpError passwordResetRequired() {
    return {403, "password_reset_required",
            "this account has no password yet (it was imported): an administrator sets one with "
            "`ocomms admin reset-password`"};
}
inline http::HttpError alreadyInitialized() {
    return {409, "already_initialized", "this instance already has users; ask for an invite"};
}
inline http::HttpError registrationClosed() {
    return {403, "registration_closed", "registration needs an invite on this instance"};
}
inline http::HttpError emailTaken() { return {409, "email_taken", "email: an account with this email already exists"}; }
inline http::HttpError slugTaken(const std::string& slug) {
    return {409, "slug_taken", "slug: an organization named '" + slug + "' already exists"};
}
inline http::HttpError userNotFound() { return {404, "user_not_found", "no such user"}; }
inline http::HttpError organizationNotFound() { return {404, "organization_not_found", "no such organization"}; }
inline http::HttpError inviteNotFound() {
    return {404, "invite_not_found", "this invite does not exist or was already used"};
}
inline http::HttpError inviteExpired() { return {410, "invite_expired", "this invite has expired"}; }
inline http::HttpError alreadyMember() {
    return {409, "already_member", "you are already a member of this organization"};
}
inline http::HttpError memberNotFound() { return {404, "member_not_found", "this user is not a member"}; }
inline http::HttpError lastOwner() {
    return {409, "last_owner", "an organization needs at least one owner; make someone else owner first"};
}

}  // namespace ocomms::identity::errors
