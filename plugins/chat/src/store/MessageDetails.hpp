// Completes messages read from chat_messages with their reactions and mentions, two statements for any
// number of messages.
#pragma once

#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Message.hpp"

namespace ocomms::chat {

void loadDetails(soci::session& session, Dialect dialect, std::vector<Message>& messages);
Message withDetails(soci::session& session, Dialect dialect, Message message);

}  // namespace ocomms::chat
