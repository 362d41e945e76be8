#include "export/ChannelRows.hpp"

#include "export/ExportedChannels.hpp"
#include "model/Channel.hpp"
#include "store/ChannelStore.hpp"

namespace ocomms::chat {
namespace {

using orgdata::ImportError;
using orgdata::RowFields;

std::string checkedRole(const RowFields& fields) {
    const auto role = fields.text("role");
    if (role != "admin" && role != "member") throw ImportError("role", "must be admin or member");
    return role;
}

/// The sorted member ids of each direct channel of the organization, as their key.
void keyDirectChannels(orgdata::ImportTarget& target) {
    long long organization = target.organization.id, channel = 0;
    std::vector<long long> direct;
    soci::statement channels =
        (target.sql.prepare << "SELECT id FROM chat_channels WHERE organization_id = :organization"
                               " AND kind = 'direct' ORDER BY id",
         soci::use(organization), soci::into(channel));
    channels.execute();
    while (channels.fetch()) direct.push_back(channel);

    long long member = 0;
    soci::statement members =
        (target.sql.prepare << "SELECT user_id FROM chat_channel_members WHERE channel_id = :channel ORDER BY user_id",
         soci::use(channel), soci::into(member));
    std::string key;
    soci::statement update = (target.sql.prepare << "UPDATE chat_channels SET direct_key = :key WHERE id = :channel",
                              soci::use(key), soci::use(channel));
    for (const long long id : direct) {
        channel = id;
        std::vector<std::int64_t> ids;
        members.execute();
        while (members.fetch()) ids.push_back(member);
        if (ids.size() < 2) {
            throw ImportError("", "a direct channel has at least 2 members (channel " + std::to_string(id) +
                                      " here has " + std::to_string(ids.size()) + ")");
        }
        key = directKeyOf(ids);
        update.execute(true);
    }
}

}  // namespace

void exportChannels(orgdata::ExportSource& source, orgdata::RowWriter& rows) {
    long long organization = source.organization.id, id = 0, createdBy = 0;
    std::string kind, name, topic, createdAt, archivedAt;
    soci::indicator nameIndicator = soci::i_null, topicIndicator = soci::i_null, archivedIndicator = soci::i_null;
    soci::statement select =
        (source.sql.prepare << "SELECT id, kind, name, topic, created_by, created_at, archived_at FROM chat_channels"
                               " WHERE organization_id = :organization ORDER BY id",
         soci::use(organization), soci::into(id), soci::into(kind), soci::into(name, nameIndicator),
         soci::into(topic, topicIndicator), soci::into(createdBy), soci::into(createdAt),
         soci::into(archivedAt, archivedIndicator));
    select.execute();
    while (select.fetch()) {
        rows.write({{"id", source.ids.of(kChannelKind, id)},
                    {"kind", kind},
                    {"name", nullable(name, nameIndicator)},
                    {"topic", nullable(topic, topicIndicator)},
                    {"created_by", source.ids.of(kUserKind, createdBy)},
                    {"created_at", createdAt},
                    {"archived_at", nullable(archivedAt, archivedIndicator)}});
    }
}

void exportChannelMembers(orgdata::ExportSource& source, orgdata::RowWriter& rows) {
    long long channel = 0, user = 0, lastReadSeq = 0;
    std::string role, joinedAt;
    soci::statement select =
        (source.sql.prepare << "SELECT user_id, role, last_read_seq, joined_at FROM chat_channel_members"
                               " WHERE channel_id = :channel ORDER BY " + source.byUser("user_id"),
         soci::use(channel), soci::into(user), soci::into(role), soci::into(lastReadSeq), soci::into(joinedAt));
    for (const auto& exported : channelsOf(source)) {
        channel = exported.id;
        const auto channelId = source.ids.of(kChannelKind, channel);
        select.execute();
        while (select.fetch()) {
            rows.write({{"channel", channelId},
                        {"user", source.ids.of(kUserKind, user)},
                        {"role", role},
                        {"last_read_seq", lastReadSeq},
                        {"joined_at", joinedAt}});
        }
    }
}

void importChannels(orgdata::ImportTarget& target, orgdata::RowReader& rows) {
    long long organization = target.organization.id, createdBy = 0, id = 0;
    std::string kind, name, topic, createdAt, archivedAt;
    soci::indicator nameIndicator = soci::i_null, topicIndicator = soci::i_null, archivedIndicator = soci::i_null;
    soci::statement insert =
        (target.sql.prepare << "INSERT INTO chat_channels (organization_id, kind, name, topic, created_by, created_at,"
                               " archived_at) VALUES (:organization, :kind, :name, :topic, :created_by, :created_at,"
                               " :archived_at) RETURNING id",
         soci::use(organization), soci::use(kind), soci::use(name, nameIndicator), soci::use(topic, topicIndicator),
         soci::use(createdBy), soci::use(createdAt), soci::use(archivedAt, archivedIndicator), soci::into(id));
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"id", "kind", "name", "topic", "created_by", "created_at", "archived_at"});
        kind = fields.text("kind");
        const auto parsedKind = parseChannelKind(kind);
        if (!parsedKind) throw ImportError("kind", "must be public, private or direct");
        const auto channelName = fields.optionalText("name");
        if ((*parsedKind == ChannelKind::Direct) == channelName.has_value()) {
            throw ImportError("name", "a direct channel has no name, and every other channel has one");
        }
        name = channelName.value_or("");
        nameIndicator = channelName ? soci::i_ok : soci::i_null;
        const auto channelTopic = fields.optionalText("topic");
        topic = channelTopic.value_or("");
        topicIndicator = channelTopic ? soci::i_ok : soci::i_null;
        createdBy = fields.reference("created_by", kUserKind, target.ids);
        createdAt = fields.text("created_at");
        const auto archived = fields.optionalText("archived_at");
        archivedAt = archived.value_or("");
        archivedIndicator = archived ? soci::i_ok : soci::i_null;
        insert.execute(true);
        target.ids.bind(kChannelKind, fields.integer("id"), id);
    }
}

void importChannelMembers(orgdata::ImportTarget& target, orgdata::RowReader& rows) {
    long long channel = 0, user = 0, lastReadSeq = 0;
    std::string role, joinedAt;
    soci::statement insert =
        (target.sql.prepare << "INSERT INTO chat_channel_members (channel_id, user_id, role, last_read_seq, joined_at)"
                               " VALUES (:channel, :user, :role, :last_read_seq, :joined_at)",
         soci::use(channel), soci::use(user), soci::use(role), soci::use(lastReadSeq), soci::use(joinedAt));
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"channel", "user", "role", "last_read_seq", "joined_at"});
        channel = fields.reference("channel", kChannelKind, target.ids);
        user = fields.reference("user", kUserKind, target.ids);
        role = checkedRole(fields);
        lastReadSeq = fields.integer("last_read_seq");
        if (lastReadSeq < 0) throw ImportError("last_read_seq", "must be 0 or more");
        joinedAt = fields.text("joined_at");
        insert.execute(true);
    }
    keyDirectChannels(target);
}

}  // namespace ocomms::chat
