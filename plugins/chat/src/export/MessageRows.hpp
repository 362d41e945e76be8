// chat.messages: rows out of a snapshot, a page of sequence numbers at a time; rows into an import with
// prepared statements, then each channel's last seq and each thread's reply count and time.
#pragma once

#include <ocomms/org_data.hpp>

namespace ocomms::chat {

void exportMessages(orgdata::ExportSource& source, orgdata::RowWriter& rows);
void importMessages(orgdata::ImportTarget& target, orgdata::RowReader& rows);

}  // namespace ocomms::chat
