#include "export/MessageRows.hpp"

#include <optional>

#include "export/ExportedChannels.hpp"

namespace ocomms::chat {
namespace {

using orgdata::ImportError;
using orgdata::RowFields;

/// One message row bound once to a prepared INSERT, so that each row costs an execution, not a parse.
/// Only the client id's uniqueness is settled here; any other conflict (two rows with one seq) fails.
class MessageInsert {
public:
    explicit MessageInsert(soci::session& sql)
        : insert_((sql.prepare << "INSERT INTO chat_messages (channel_id, seq, author_id, text, client_id, parent_id,"
                                  " created_at, edited_at, deleted_at) VALUES (:channel, :seq, :author, :text,"
                                  " :client_id, :parent, :created_at, :edited_at, :deleted_at)"
                                  " ON CONFLICT (author_id, client_id) DO NOTHING",
                   soci::use(channel_), soci::use(seq_), soci::use(author_), soci::use(text_),
                   soci::use(clientId_, clientIdIndicator_), soci::use(parent_, parentIndicator_),
                   soci::use(createdAt_), soci::use(editedAt_, editedIndicator_),
                   soci::use(deletedAt_, deletedIndicator_))) {}

    void run(std::int64_t channel, std::int64_t seq, std::int64_t author, std::string text,
             const std::optional<std::string>& clientId, std::optional<std::int64_t> parent, std::string createdAt,
             const std::optional<std::string>& editedAt, const std::optional<std::string>& deletedAt) {
        channel_ = channel;
        seq_ = seq;
        author_ = author;
        text_ = std::move(text);
        set(clientId_, clientIdIndicator_, clientId);
        parent_ = parent.value_or(0);
        parentIndicator_ = parent ? soci::i_ok : soci::i_null;
        createdAt_ = std::move(createdAt);
        set(editedAt_, editedIndicator_, editedAt);
        set(deletedAt_, deletedIndicator_, deletedAt);
        insert_.execute(true);
        if (insert_.get_affected_rows() == 0) {
            // The author is an existing account (linked by email) that used this client id here already;
            // a client id only makes retries of a post idempotent, so the imported message goes without.
            clientIdIndicator_ = soci::i_null;
            insert_.execute(true);
        }
    }

private:
    static void set(std::string& value, soci::indicator& indicator, const std::optional<std::string>& from) {
        value = from.value_or("");
        indicator = from ? soci::i_ok : soci::i_null;
    }

    long long channel_ = 0, seq_ = 0, author_ = 0, parent_ = 0;
    std::string text_, clientId_, createdAt_, editedAt_, deletedAt_;
    soci::indicator clientIdIndicator_ = soci::i_null, parentIndicator_ = soci::i_null,
                    editedIndicator_ = soci::i_null, deletedIndicator_ = soci::i_null;
    soci::statement insert_;
};

/// What chat keeps beside its rows: each channel's newest seq, and each thread's reply count and time
/// of its last reply (as posting keeps them).
void deriveCounters(orgdata::ImportTarget& target) {
    long long organization = target.organization.id;
    target.sql << "UPDATE chat_channels SET last_seq = COALESCE((SELECT MAX(m.seq) FROM chat_messages m"
                  " WHERE m.channel_id = chat_channels.id), 0) WHERE organization_id = :organization",
        soci::use(organization);
    target.sql << "UPDATE chat_messages"
                  " SET reply_count = (SELECT COUNT(*) FROM chat_messages r WHERE r.parent_id = chat_messages.id),"
                  " last_reply_at = (SELECT r.created_at FROM chat_messages r WHERE r.parent_id = chat_messages.id"
                  " ORDER BY r.seq DESC LIMIT 1)"
                  " WHERE id IN (SELECT m.parent_id FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id"
                  " WHERE c.organization_id = :organization AND m.parent_id IS NOT NULL)",
        soci::use(organization);
}

}  // namespace

void exportMessages(orgdata::ExportSource& source, orgdata::RowWriter& rows) {
    SeqPage page;
    long long seq = 0, author = 0, parentSeq = 0;
    std::string text, clientId, createdAt, editedAt, deletedAt;
    soci::indicator clientIdIndicator = soci::i_null, parentIndicator = soci::i_null, editedIndicator = soci::i_null,
                    deletedIndicator = soci::i_null;
    soci::statement select =
        (source.sql.prepare << std::string("SELECT m.seq, m.author_id, m.text, m.client_id,"
                                           " (SELECT p.seq FROM chat_messages p WHERE p.id = m.parent_id),"
                                           " m.created_at, m.edited_at, m.deleted_at FROM chat_messages m") +
                                   kSeqPageCondition + " ORDER BY m.seq",
         soci::use(page.channel), soci::use(page.after), soci::use(page.upTo), soci::into(seq), soci::into(author),
         soci::into(text), soci::into(clientId, clientIdIndicator), soci::into(parentSeq, parentIndicator),
         soci::into(createdAt),
         soci::into(editedAt, editedIndicator), soci::into(deletedAt, deletedIndicator));
    forEachPageRow(source, select, page, [&](std::int64_t channelId) {
        rows.write({{"channel", channelId},
                    {"seq", seq},
                    {"author", source.ids.of(kUserKind, author)},
                    {"text", text},
                    {"client_id", nullable(clientId, clientIdIndicator)},
                    {"parent_seq", parentIndicator == soci::i_ok ? nlohmann::json(parentSeq) : nlohmann::json(nullptr)},
                    {"created_at", createdAt},
                    {"edited_at", nullable(editedAt, editedIndicator)},
                    {"deleted_at", nullable(deletedAt, deletedIndicator)}});
    });
}

void importMessages(orgdata::ImportTarget& target, orgdata::RowReader& rows) {
    MessageInsert insert(target.sql);
    MessageIds messages(target.sql);
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"channel", "seq", "author", "text", "client_id", "parent_seq", "created_at",
                                     "edited_at", "deleted_at"});
        const auto channel = fields.reference("channel", kChannelKind, target.ids);
        const auto seq = fields.integer("seq");
        if (seq < 1) throw ImportError("seq", "must be 1 or more");
        std::optional<std::int64_t> parent;
        if (const auto parentSeq = fields.optionalInteger("parent_seq")) {
            if (*parentSeq >= seq) throw ImportError("parent_seq", "must come before the reply's seq");
            parent = messages.find(channel, *parentSeq, "parent_seq");
        }
        insert.run(channel, seq, fields.reference("author", kUserKind, target.ids), fields.text("text"),
                   fields.optionalText("client_id"), parent, fields.text("created_at"),
                   fields.optionalText("edited_at"), fields.optionalText("deleted_at"));
    }
    deriveCounters(target);
}

}  // namespace ocomms::chat
