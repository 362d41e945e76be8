// chat.reactions and chat.mentions: rows named by their message's (channel, seq), out of a snapshot a
// page of sequence numbers at a time, into an import with prepared statements.
#pragma once

#include <ocomms/org_data.hpp>

namespace ocomms::chat {

void exportReactions(orgdata::ExportSource& source, orgdata::RowWriter& rows);
void exportMentions(orgdata::ExportSource& source, orgdata::RowWriter& rows);
void importReactions(orgdata::ImportTarget& target, orgdata::RowReader& rows);
void importMentions(orgdata::ImportTarget& target, orgdata::RowReader& rows);

}  // namespace ocomms::chat
