// chat.channels and chat.channel_members: rows out of a snapshot, rows into an import.
#pragma once

#include <ocomms/org_data.hpp>

namespace ocomms::chat {

void exportChannels(orgdata::ExportSource& source, orgdata::RowWriter& rows);
void exportChannelMembers(orgdata::ExportSource& source, orgdata::RowWriter& rows);
void importChannels(orgdata::ImportTarget& target, orgdata::RowReader& rows);
/// Also gives each imported direct channel its key (its members' ids, sorted), which depends on the ids
/// users have here.
void importChannelMembers(orgdata::ImportTarget& target, orgdata::RowReader& rows);

}  // namespace ocomms::chat
