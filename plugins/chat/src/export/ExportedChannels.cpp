#include "export/ExportedChannels.hpp"

namespace ocomms::chat {

std::vector<ExportedChannel> channelsOf(orgdata::ExportSource& source) {
    long long organization = source.organization.id, id = 0, maxSeq = 0;
    soci::statement select =
        (source.sql.prepare << "SELECT c.id, (SELECT COALESCE(MAX(m.seq), 0) FROM chat_messages m"
                               " WHERE m.channel_id = c.id) FROM chat_channels c"
                               " WHERE c.organization_id = :organization ORDER BY c.id",
         soci::use(organization), soci::into(id), soci::into(maxSeq));
    select.execute();
    std::vector<ExportedChannel> channels;
    while (select.fetch()) channels.push_back({id, maxSeq});
    return channels;
}

std::string seqPageOfMessages(Dialect dialect, const std::string& messageIdColumn) {
    const std::string page =
        "SELECT id FROM chat_messages WHERE channel_id = :channel AND seq > :after AND seq <= :up_to";
    if (dialect == Dialect::Postgres) return " WHERE " + messageIdColumn + " = ANY(ARRAY(" + page + "))";
    return " WHERE " + messageIdColumn + " IN (" + page + ")";
}

std::string messageSeqOf(const std::string& messageIdColumn) {
    return "(SELECT m.seq FROM chat_messages m WHERE m.id = " + messageIdColumn + ") AS message_seq";
}

MessageIds::MessageIds(soci::session& sql)
    : select_((sql.prepare << "SELECT id FROM chat_messages WHERE channel_id = :channel AND seq = :seq",
               soci::use(channel_), soci::use(seq_), soci::into(id_))) {}

std::int64_t MessageIds::find(std::int64_t channelId, std::int64_t seq, const char* field) {
    channel_ = channelId;
    seq_ = seq;
    if (!select_.execute(true)) {
        throw orgdata::ImportError(field, "the channel has no message " + std::to_string(seq) + " before this row");
    }
    return id_;
}

}  // namespace ocomms::chat
