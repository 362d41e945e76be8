#include "export/ChatContributor.hpp"

#include <stdexcept>

#include "export/ChannelRows.hpp"
#include "export/MessageDetailRows.hpp"
#include "export/MessageRows.hpp"

namespace ocomms::chat {

std::vector<std::string> ChatContributor::entities() const {
    return {"channels", "channel_members", "messages", "reactions", "mentions"};
}

void ChatContributor::exportRows(const std::string& entity, orgdata::ExportSource& source, orgdata::RowWriter& rows) {
    if (entity == "channels") return exportChannels(source, rows);
    if (entity == "channel_members") return exportChannelMembers(source, rows);
    if (entity == "messages") return exportMessages(source, rows);
    if (entity == "reactions") return exportReactions(source, rows);
    if (entity == "mentions") return exportMentions(source, rows);
    throw std::logic_error("chat has no entity '" + entity + "'");
}

void ChatContributor::importRows(const std::string& entity, orgdata::ImportTarget& target, orgdata::RowReader& rows) {
    if (entity == "channels") return importChannels(target, rows);
    if (entity == "channel_members") return importChannelMembers(target, rows);
    if (entity == "messages") return importMessages(target, rows);
    if (entity == "reactions") return importReactions(target, rows);
    if (entity == "mentions") return importMentions(target, rows);
    throw std::logic_error("chat has no entity '" + entity + "'");
}

}  // namespace ocomms::chat
