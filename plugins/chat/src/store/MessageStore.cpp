#include "store/MessageStore.hpp"

#include <algorithm>
#include <limits>

#include "store/MessageColumns.hpp"

namespace ocomms::chat {
namespace {

const std::string kSelect = std::string("SELECT ") + kMessageColumns + " FROM chat_messages m ";

std::optional<Message> first(std::vector<Message> messages) {
    if (messages.empty()) return std::nullopt;
    return std::move(messages.front());
}

}  // namespace

Message newlyStored(std::int64_t id, NewMessage message, std::vector<std::int64_t> mentions) {
    Message stored;
    stored.id = id;
    stored.channelId = message.channelId;
    stored.seq = message.seq;
    stored.authorId = message.authorId;
    stored.text = std::move(message.text);
    stored.clientId = std::move(message.clientId);
    stored.parentId = message.parentId;
    stored.createdAt = std::move(message.createdAt);
    stored.mentions = std::move(mentions);
    return stored;
}

std::int64_t MessageStore::insert(const NewMessage& message) {
    const long long channel = message.channelId, seq = message.seq, author = message.authorId;
    const long long parent = message.parentId.value_or(0);
    const std::string clientId = message.clientId.value_or("");
    soci::indicator clientIdIndicator = message.clientId ? soci::i_ok : soci::i_null;
    soci::indicator parentIndicator = message.parentId ? soci::i_ok : soci::i_null;
    long long id = 0;
    database_
        .prepared(session_,
                  "INSERT INTO chat_messages (channel_id, seq, author_id, text, client_id, parent_id, created_at)"
                  " VALUES (:channel, :seq, :author, :text, :client_id, :parent, :created_at) RETURNING id")
        .bind(soci::use(channel), soci::use(seq), soci::use(author), soci::use(message.text),
              soci::use(clientId, clientIdIndicator), soci::use(parent, parentIndicator),
              soci::use(message.createdAt), soci::into(id))
        .execute(true);
    return id;
}

std::optional<Message> MessageStore::byId(std::int64_t id) {
    return first(selectMessages(database_, session_, kSelect + "WHERE m.id = :id", static_cast<long long>(id)));
}

std::optional<Message> MessageStore::byClientId(std::int64_t authorId, const std::string& clientId) {
    return first(selectMessages(database_, session_, kSelect + "WHERE m.author_id = :author AND m.client_id = :client_id",
                                static_cast<long long>(authorId), clientId));
}

std::vector<Message> MessageStore::after(std::int64_t channelId, std::int64_t afterSeq, std::int64_t limit) {
    return selectMessages(database_, session_, kSelect + "WHERE m.channel_id = :channel AND m.seq > :after ORDER BY m.seq LIMIT :limit",
                          static_cast<long long>(channelId), static_cast<long long>(afterSeq),
                          static_cast<long long>(limit));
}

std::vector<Message> MessageStore::latestBefore(std::int64_t channelId, std::optional<std::int64_t> beforeSeq,
                                                std::int64_t limit) {
    // Without a bound, "before" the largest possible sequence number.
    const long long before = beforeSeq.value_or(std::numeric_limits<std::int64_t>::max());
    auto messages = selectMessages(database_, session_,
                                   kSelect + "WHERE m.channel_id = :channel AND m.seq < :before"
                                             " ORDER BY m.seq DESC LIMIT :limit",
                                   static_cast<long long>(channelId), before, static_cast<long long>(limit));
    std::reverse(messages.begin(), messages.end());
    return messages;
}

std::vector<Message> MessageStore::replies(std::int64_t parentId) {
    return selectMessages(database_, session_, kSelect + "WHERE m.parent_id = :parent ORDER BY m.seq",
                          static_cast<long long>(parentId));
}

void MessageStore::edit(std::int64_t id, const std::string& text, const std::string& at) {
    const long long key = id;
    session_ << "UPDATE chat_messages SET text = :text, edited_at = :at WHERE id = :id AND deleted_at IS NULL",
        soci::use(text), soci::use(at), soci::use(key);
}

void MessageStore::markDeleted(std::int64_t id, const std::string& at) {
    const long long key = id;
    session_ << "UPDATE chat_messages SET text = '', deleted_at = :at WHERE id = :id AND deleted_at IS NULL",
        soci::use(at), soci::use(key);
}

void MessageStore::noteReply(std::int64_t parentId, const std::string& at) {
    const long long key = parentId;
    session_ << "UPDATE chat_messages SET reply_count = reply_count + 1, last_reply_at = :at WHERE id = :id",
        soci::use(at), soci::use(key);
}

}  // namespace ocomms::chat
