// Every chat action as "fields in, JSON out", by name ("channel.create", "messages.history", ...): the
// REST routes and the realtime handlers both run these, so both read the same fields with the same errors
// and answer the same JSON.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include <ocomms/identity.hpp>

#include "ChatService.hpp"
#include "api/Fields.hpp"

namespace ocomms::chat {

struct ActionResult {
    nlohmann::json data;
    int status = 200;  ///< 201 when the action created something
};

/// Runs an action for the signed-in user `userId`.
using Action = std::function<ActionResult(std::int64_t userId, const Fields& fields)>;

class ChatActions {
public:
    ChatActions(ChatService& service, Identity& identity);

    /// Throws std::out_of_range for a name that is not an action.
    const Action& operator[](const std::string& name) const { return actions_.at(name); }

private:
    /// The organization named by the field `org` (a slug), when the user is a member of it.
    std::int64_t organizationOf(std::int64_t userId, const Fields& fields) const;

    ChatService& service_;
    Identity& identity_;
    std::map<std::string, Action> actions_;
};

}  // namespace ocomms::chat
