// Chat's REST API: each route reads its fields from the JSON body, the path and the query, and runs
// the chat action of the same meaning (see ChatActions).
#pragma once

#include <ocomms/http.hpp>

#include "api/ChatActions.hpp"

namespace ocomms::chat {

/// `actions` must outlive the routes.
void addRestRoutes(http::Router& router, const ChatActions& actions);

}  // namespace ocomms::chat
