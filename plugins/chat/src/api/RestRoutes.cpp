#include "api/RestRoutes.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "ChatErrors.hpp"

namespace ocomms::chat {
namespace {

using http::Access;
using http::Method;

struct RestRoute {
    Method method;
    const char* pattern;
    Access access;
    const char* action;
    /// The field that the path's `{id}` fills: "channel_id" or "message_id".
    const char* idField = nullptr;
    bool readsBody = false;
    std::vector<const char*> integerQuery = {};
    std::vector<const char*> stringQuery = {};
};

// Organization routes are for its members (checked by the host); the others for any signed-in user,
// and the service checks the channel's organization and membership.
const std::vector<RestRoute>& routes() {
    static const std::vector<RestRoute> table = {
        {Method::Post, "/api/orgs/{org}/channels", Access::Member, "channel.create", nullptr, true},
        {Method::Get, "/api/orgs/{org}/channels", Access::Member, "channels.list"},
        {Method::Get, "/api/orgs/{org}/search", Access::Member, "search", nullptr, false, {"limit"}, {"q"}},
        {Method::Get, "/api/orgs/{org}/presence", Access::Member, "presence.get"},
        {Method::Get, "/api/channels/{id}", Access::SignedIn, "channel.get", "channel_id"},
        {Method::Patch, "/api/channels/{id}", Access::SignedIn, "channel.update", "channel_id", true},
        {Method::Post, "/api/channels/{id}/archive", Access::SignedIn, "channel.archive", "channel_id"},
        {Method::Post, "/api/channels/{id}/join", Access::SignedIn, "channel.join", "channel_id"},
        {Method::Post, "/api/channels/{id}/leave", Access::SignedIn, "channel.leave", "channel_id"},
        {Method::Get, "/api/channels/{id}/members", Access::SignedIn, "channel.members", "channel_id"},
        {Method::Post, "/api/channels/{id}/members", Access::SignedIn, "channel.members.add", "channel_id", true},
        {Method::Delete, "/api/channels/{id}/members/{user}", Access::SignedIn, "channel.members.remove", "channel_id"},
        {Method::Get, "/api/channels/{id}/messages", Access::SignedIn, "messages.history", "channel_id", false,
         {"after", "before", "limit"}},
        {Method::Post, "/api/channels/{id}/messages", Access::SignedIn, "message.post", "channel_id", true},
        {Method::Post, "/api/channels/{id}/read", Access::SignedIn, "read.mark", "channel_id", true},
        {Method::Patch, "/api/messages/{id}", Access::SignedIn, "message.edit", "message_id", true},
        {Method::Delete, "/api/messages/{id}", Access::SignedIn, "message.delete", "message_id"},
        {Method::Get, "/api/messages/{id}/thread", Access::SignedIn, "thread.get", "message_id"},
        {Method::Put, "/api/messages/{id}/reactions/{emoji}", Access::SignedIn, "reaction.add", "message_id"},
        {Method::Delete, "/api/messages/{id}/reactions/{emoji}", Access::SignedIn, "reaction.remove", "message_id"},
    };
    return table;
}

std::optional<std::int64_t> parseInteger(const std::string& text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || rest != end || text.empty()) return std::nullopt;
    return value;
}

/// A path id that is not a positive number names nothing: the same 404 as an id that does not exist.
std::int64_t pathId(const std::string& field, const std::string& text) {
    const auto id = parseInteger(text);
    if (id && *id > 0) return *id;
    if (field == "channel_id") throw http::HttpError(404, "channel_not_found", "no channel '" + text + "'");
    if (field == "message_id") throw http::HttpError(404, "message_not_found", "no message '" + text + "'");
    throw http::HttpError(404, "member_not_found", "no member '" + text + "'");
}

nlohmann::json bodyOf(const http::Request& request) {
    const bool blank = std::all_of(request.body.begin(), request.body.end(),
                                   [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    return blank ? nlohmann::json::object() : request.json();
}

Fields fieldsOf(const RestRoute& route, const http::Request& request) {
    Fields fields(route.readsBody ? bodyOf(request) : nlohmann::json::object());
    for (const auto& [name, value] : request.params) {
        if (name == "id") {
            fields.set(route.idField, pathId(route.idField, value));
        } else if (name == "user") {
            fields.set("user_id", pathId("user_id", value));
        } else {
            fields.set(name, value);  // org, emoji
        }
    }
    for (const char* name : route.integerQuery) {
        if (const auto value = request.queryValue(name)) {
            const auto number = parseInteger(*value);
            if (!number) throw errors::invalidField(name, "must be an integer");
            fields.set(name, *number);
        }
    }
    for (const char* name : route.stringQuery) {
        if (const auto value = request.queryValue(name)) fields.set(name, *value);
    }
    return fields;
}

}  // namespace

void addRestRoutes(http::Router& router, const ChatActions& actions) {
    for (const auto& route : routes()) {
        router.add(route.method, route.pattern, route.access, [&actions, route](const http::Request& request) {
            const auto result = actions[route.action](request.caller->user.id, fieldsOf(route, request));
            return http::Response::json(result.data, result.status);
        });
    }
}

}  // namespace ocomms::chat
