#include "export/MessageDetailRows.hpp"

#include "export/ExportedChannels.hpp"

namespace ocomms::chat {

using orgdata::RowFields;

void exportReactions(orgdata::ExportSource& source, orgdata::RowWriter& rows) {
    SeqPage page;
    long long seq = 0, user = 0;
    std::string emoji, createdAt;
    soci::statement select =
        (source.sql.prepare << "SELECT " + messageSeqOf("r.message_id") +
                                   ", r.emoji, r.user_id, r.created_at FROM chat_reactions r" +
                                   seqPageOfMessages(source.dialect, "r.message_id") + " ORDER BY message_seq, " +
                                   source.byText("r.emoji") + ", " + source.byUser("r.user_id"),
         soci::use(page.channel), soci::use(page.after), soci::use(page.upTo), soci::into(seq), soci::into(emoji),
         soci::into(user), soci::into(createdAt));
    forEachPageRow(source, select, page, [&](std::int64_t channelId) {
        rows.write({{"channel", channelId}, {"seq", seq}, {"emoji", emoji}, {"user", source.ids.of(kUserKind, user)},
                    {"created_at", createdAt}});
    });
}

void exportMentions(orgdata::ExportSource& source, orgdata::RowWriter& rows) {
    SeqPage page;
    long long seq = 0, user = 0;
    soci::statement select =
        (source.sql.prepare << "SELECT " + messageSeqOf("x.message_id") + ", x.user_id FROM chat_mentions x" +
                                   seqPageOfMessages(source.dialect, "x.message_id") + " ORDER BY message_seq, " +
                                   source.byUser("x.user_id"),
         soci::use(page.channel), soci::use(page.after), soci::use(page.upTo), soci::into(seq), soci::into(user));
    forEachPageRow(source, select, page, [&](std::int64_t channelId) {
        rows.write({{"channel", channelId}, {"seq", seq}, {"user", source.ids.of(kUserKind, user)}});
    });
}

void importReactions(orgdata::ImportTarget& target, orgdata::RowReader& rows) {
    MessageIds messages(target.sql);
    long long message = 0, user = 0;
    std::string emoji, createdAt;
    soci::statement insert =
        (target.sql.prepare << "INSERT INTO chat_reactions (message_id, emoji, user_id, created_at)"
                               " VALUES (:message, :emoji, :user, :created_at)",
         soci::use(message), soci::use(emoji), soci::use(user), soci::use(createdAt));
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"channel", "seq", "emoji", "user", "created_at"});
        message = messages.find(fields.reference("channel", kChannelKind, target.ids), fields.integer("seq"), "seq");
        emoji = fields.text("emoji");
        user = fields.reference("user", kUserKind, target.ids);
        createdAt = fields.text("created_at");
        insert.execute(true);
    }
}

void importMentions(orgdata::ImportTarget& target, orgdata::RowReader& rows) {
    MessageIds messages(target.sql);
    long long message = 0, user = 0;
    soci::statement insert =
        (target.sql.prepare << "INSERT INTO chat_mentions (message_id, user_id) VALUES (:message, :user)",
         soci::use(message), soci::use(user));
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"channel", "seq", "user"});
        message = messages.find(fields.reference("channel", kChannelKind, target.ids), fields.integer("seq"), "seq");
        user = fields.reference("user", kUserKind, target.ids);
        insert.execute(true);
    }
}

}  // namespace ocomms::chat
