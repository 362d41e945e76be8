// Chat's part of an organization's export (docs/export-format.md):
//   chat.channels          export id, kind, name, topic, creator, times
//   chat.channel_members   who is in each channel, with role and read marker
//   chat.messages          by channel and seq: author, text, client id, parent (by seq), times
//   chat.reactions         by message (channel, seq): emoji, user, time
//   chat.mentions          by message (channel, seq): the mentioned user
// Import fills what chat derives from these: each channel's last seq, reply counts, direct channels' keys
// and the search index (the FTS5 triggers on SQLite; PostgreSQL's expression index).
#pragma once

#include <ocomms/org_data.hpp>

namespace ocomms::chat {

class ChatContributor final : public orgdata::Contributor {
public:
    std::vector<std::string> entities() const override;
    void exportRows(const std::string& entity, orgdata::ExportSource& source, orgdata::RowWriter& rows) override;
    void importRows(const std::string& entity, orgdata::ImportTarget& target, orgdata::RowReader& rows) override;
};

}  // namespace ocomms::chat
