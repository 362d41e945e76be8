// The errors chat answers with: each a stable code and a message for people. REST answers them as
// `{"error":{"code","message"}}`, the realtime hub as an `error` frame.
#pragma once

#include <cstdint>
#include <string>

#include <ocomms/http.hpp>

namespace ocomms::chat::errors {

/// Also for channels the caller may not see (another organization, private without membership), so
/// that a channel's existence never leaks.
inline http::HttpError channelNotFound(std::int64_t id) {
    return {404, "channel_not_found", "no channel " + std::to_string(id)};
}
inline http::HttpError messageNotFound(std::int64_t id) {
    return {404, "message_not_found", "no message " + std::to_string(id)};
}
/// Also for an organization the caller is not a member of. `which` is its slug or id.
inline http::HttpError organizationNotFound(const std::string& which) {
    return {404, "organization_not_found", "no organization '" + which + "'"};
}
inline http::HttpError memberNotFound(std::int64_t userId) {
    return {404, "member_not_found", "user " + std::to_string(userId) + " is not a member of the channel"};
}
inline http::HttpError forbidden(const std::string& why) { return {403, "forbidden", why}; }
inline http::HttpError notAMember(std::int64_t channelId) {
    return {403, "not_a_member", "join channel " + std::to_string(channelId) + " first"};
}
inline http::HttpError channelArchived(std::int64_t channelId) {
    return {409, "channel_archived", "channel " + std::to_string(channelId) + " is archived"};
}
inline http::HttpError messageDeleted(std::int64_t messageId) {
    return {409, "message_deleted", "message " + std::to_string(messageId) + " was deleted"};
}
inline http::HttpError clientIdConflict(const std::string& clientId) {
    return {409, "client_id_conflict", "client_id '" + clientId + "' was already used in another channel"};
}
inline http::HttpError messageTooLarge(std::size_t bytes, std::int64_t limit) {
    return {413, "message_too_large",
            "text: " + std::to_string(bytes) + " bytes, at most " + std::to_string(limit) + " allowed"};
}
inline http::HttpError messageRejected(const std::string& reason) {
    return {422, "message_rejected", reason.empty() ? "rejected by a plugin" : reason};
}
inline http::HttpError presenceUnavailable() {
    return {503, "presence_unavailable", "this server runs without the realtime hub"};
}

/// 400 `invalid_field` with "name: problem".
inline http::HttpError invalidField(const std::string& name, const std::string& problem) {
    return {400, "invalid_field", name + ": " + problem};
}
inline http::HttpError missingField(const std::string& name) {
    return {400, "missing_field", name + ": is required"};
}

}  // namespace ocomms::chat::errors
