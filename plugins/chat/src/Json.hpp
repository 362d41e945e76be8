// Channels, members and messages as JSON: one place, so that REST answers, realtime results and events
// carry the same shapes. Ids are JSON numbers, times ISO-8601 UTC text, absent values null.
#pragma once

#include <nlohmann/json.hpp>

#include "model/Channel.hpp"
#include "model/Message.hpp"

namespace ocomms::chat {

/// What every viewer shares: id, org_id, name, kind, topic, archived, created_by, created_at, last_seq,
/// and for direct channels `members`.
nlohmann::json channelJson(const Channel& channel);
/// channelJson plus one user's is_member, role, last_read_seq, unread and mentions.
nlohmann::json channelJson(const ChannelView& view);
/// user_id, role, joined_at.
nlohmann::json memberJson(const ChannelMember& member);
/// id, channel_id, seq, author_id, text, client_id, parent_id, created_at, edited_at, deleted, reply_count,
/// last_reply_at, reactions [{emoji, count, user_ids}], mentions [user ids].
nlohmann::json messageJson(const Message& message);
nlohmann::json messagesJson(const std::vector<Message>& messages);

}  // namespace ocomms::chat
