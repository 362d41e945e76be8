#include "Json.hpp"

namespace ocomms::chat {
namespace {

template <typename T>
nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace

nlohmann::json channelJson(const Channel& channel) {
    nlohmann::json json = {{"id", channel.id},
                           {"org_id", channel.organizationId},
                           {"name", orNull(channel.name)},
                           {"kind", std::string(toString(channel.kind))},
                           {"topic", orNull(channel.topic)},
                           {"archived", channel.archived},
                           {"created_by", channel.createdBy},
                           {"created_at", channel.createdAt},
                           {"last_seq", channel.lastSeq}};
    if (channel.kind == ChannelKind::Direct) json["members"] = channel.members;
    return json;
}

nlohmann::json channelJson(const ChannelView& view) {
    nlohmann::json json = channelJson(view.channel);
    json["is_member"] = view.role.has_value();
    json["role"] = view.role ? nlohmann::json(std::string(toString(*view.role))) : nlohmann::json();
    json["last_read_seq"] = view.lastReadSeq;
    json["unread"] = view.unread;
    json["mentions"] = view.mentions;
    return json;
}

nlohmann::json memberJson(const ChannelMember& member) {
    return {{"user_id", member.userId}, {"role", std::string(toString(member.role))}, {"joined_at", member.joinedAt}};
}

nlohmann::json messageJson(const Message& message) {
    nlohmann::json reactions = nlohmann::json::array();
    for (const auto& reaction : message.reactions) {
        reactions.push_back(
            {{"emoji", reaction.emoji}, {"count", reaction.userIds.size()}, {"user_ids", reaction.userIds}});
    }
    return {{"id", message.id},
            {"channel_id", message.channelId},
            {"seq", message.seq},
            {"author_id", message.authorId},
            {"text", message.text},
            {"client_id", orNull(message.clientId)},
            {"parent_id", orNull(message.parentId)},
            {"created_at", message.createdAt},
            {"edited_at", orNull(message.editedAt)},
            {"deleted", message.deleted()},
            {"reply_count", message.replyCount},
            {"last_reply_at", orNull(message.lastReplyAt)},
            {"reactions", std::move(reactions)},
            {"mentions", message.mentions}};
}

nlohmann::json messagesJson(const std::vector<Message>& messages) {
    nlohmann::json json = nlohmann::json::array();
    for (const auto& message : messages) json.push_back(messageJson(message));
    return json;
}

}  // namespace ocomms::chat
