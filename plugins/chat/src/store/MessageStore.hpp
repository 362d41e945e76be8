// The `chat_messages` table: messages by id, by client id, in pages of a channel, threads; edits and
// soft deletes. Reactions and mentions are loaded separately (MessageDetails).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Message.hpp"

namespace ocomms::chat {

struct NewMessage {
    std::int64_t channelId = 0;
    std::int64_t seq = 0;
    std::int64_t authorId = 0;
    std::string text;
    std::optional<std::string> clientId;
    std::optional<std::int64_t> parentId;
    std::string createdAt;
};

/// What a read of the message just inserted would return: no replies, edits or reactions yet, so the
/// post path need not query it back.
Message newlyStored(std::int64_t id, NewMessage message, std::vector<std::int64_t> mentions);

class MessageStore {
public:
    MessageStore(soci::session& session, Database& database) : session_(session), database_(database) {}

    /// Returns the new message's id. Throws soci::soci_error when the author used the client id already.
    std::int64_t insert(const NewMessage& message);
    std::optional<Message> byId(std::int64_t id);
    std::optional<Message> byClientId(std::int64_t authorId, const std::string& clientId);

    /// Up to `limit` messages with a sequence number above `afterSeq`, ascending.
    std::vector<Message> after(std::int64_t channelId, std::int64_t afterSeq, std::int64_t limit);
    /// The newest `limit` messages with a sequence number below `beforeSeq` (any, when nullopt), ascending.
    std::vector<Message> latestBefore(std::int64_t channelId, std::optional<std::int64_t> beforeSeq,
                                      std::int64_t limit);
    /// The replies to a message, ascending.
    std::vector<Message> replies(std::int64_t parentId);

    /// Replaces the text of a message that is not deleted.
    /// Replaces the text of a message that is not deleted.
    void edit(std::int64_t id, const std::string& text, const std::string& at);
    /// Erases the text and records when; the message stays in its channel's history.
    void markDeleted(std::int64_t id, const std::string& at);
    /// Counts one more reply to the parent.
    void noteReply(std::int64_t parentId, const std::string& at);

private:
    soci::session& session_;
    Database& database_;
};

}  // namespace ocomms::chat
