// The columns of a message row (table alias `m`), read with SOCI's into(): shared by the queries that
// return messages.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Message.hpp"
#include "store/Bindings.hpp"

namespace ocomms::chat {

inline constexpr const char* kMessageColumns =
    "m.id, m.channel_id, m.seq, m.author_id, m.text, m.client_id, m.parent_id, m.reply_count, m.last_reply_at,"
    " m.created_at, m.edited_at, m.deleted_at";

struct MessageColumns {
    long long id = 0, channelId = 0, seq = 0, authorId = 0, parentId = 0, replyCount = 0;
    std::string text, clientId, lastReplyAt, createdAt, editedAt, deletedAt;
    soci::indicator clientIdIndicator = soci::i_null, parentIndicator = soci::i_null,
                    lastReplyIndicator = soci::i_null, editedIndicator = soci::i_null,
                    deletedIndicator = soci::i_null;

    /// Adds the into() of every column of kMessageColumns, in order, to a query.
    template <typename Query>
    void bind(Query& query) {
        addBindings(query, soci::into(id), soci::into(channelId), soci::into(seq), soci::into(authorId),
                    soci::into(text), soci::into(clientId, clientIdIndicator), soci::into(parentId, parentIndicator),
                    soci::into(replyCount), soci::into(lastReplyAt, lastReplyIndicator), soci::into(createdAt),
                    soci::into(editedAt, editedIndicator), soci::into(deletedAt, deletedIndicator));
    }

    Message toMessage() const {
        Message message;
        message.id = id;
        message.channelId = channelId;
        message.seq = seq;
        message.authorId = authorId;
        message.text = text;
        if (clientIdIndicator == soci::i_ok) message.clientId = clientId;
        if (parentIndicator == soci::i_ok) message.parentId = parentId;
        message.replyCount = replyCount;
        if (lastReplyIndicator == soci::i_ok) message.lastReplyAt = lastReplyAt;
        message.createdAt = createdAt;
        if (editedIndicator == soci::i_ok) message.editedAt = editedAt;
        if (deletedIndicator == soci::i_ok) message.deletedAt = deletedAt;
        return message;
    }
};

/// Runs a query whose select list starts with kMessageColumns and returns its rows as messages.
template <typename... Keys>
std::vector<Message> selectMessages(soci::session& session, const std::string& sql, const Keys&... keys) {
    MessageColumns row;
    auto query = (session.prepare << sql);
    row.bind(query);
    (query, ..., soci::use(keys));
    soci::statement statement = query;
    statement.execute();
    std::vector<Message> messages;
    while (statement.fetch()) messages.push_back(row.toMessage());
    return messages;
}

/// The same for SQL whose text does not vary, with the statement kept prepared on the connection.
template <typename... Keys>
std::vector<Message> selectMessages(Database& database, soci::session& session, const std::string& sql,
                                    const Keys&... keys) {
    MessageColumns row;
    auto query = database.prepared(session, sql);
    row.bind(query);
    (query.bind(soci::use(keys)), ...);
    query.execute();
    std::vector<Message> messages;
    while (query.fetch()) messages.push_back(row.toMessage());
    return messages;
}

}  // namespace ocomms::chat
