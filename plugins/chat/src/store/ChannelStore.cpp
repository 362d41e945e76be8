#include "store/ChannelStore.hpp"

#include <algorithm>

#include "store/Bindings.hpp"
#include "store/IdList.hpp"

namespace ocomms::chat {
namespace {

constexpr const char* kChannelColumns =
    "c.id, c.organization_id, c.kind, c.name, c.topic, c.created_by, c.created_at, c.archived_at, c.last_seq";

/// One row of kChannelColumns, read with SOCI's into().
struct ChannelColumns {
    long long id = 0, organizationId = 0, createdBy = 0, lastSeq = 0;
    std::string kind, name, topic, createdAt, archivedAt;
    soci::indicator nameIndicator = soci::i_null, topicIndicator = soci::i_null, archivedIndicator = soci::i_null;

    template <typename Query>
    void bind(Query& query) {
        addBindings(query, soci::into(id), soci::into(organizationId), soci::into(kind), soci::into(name, nameIndicator),
                    soci::into(topic, topicIndicator), soci::into(createdBy), soci::into(createdAt),
                    soci::into(archivedAt, archivedIndicator), soci::into(lastSeq));
    }

    Channel toChannel() const {
        Channel channel;
        channel.id = id;
        channel.organizationId = organizationId;
        const auto parsed = parseChannelKind(kind);
        if (!parsed) throw std::runtime_error("chat_channels.kind holds an unknown kind '" + kind + "'");
        channel.kind = *parsed;
        if (nameIndicator == soci::i_ok) channel.name = name;
        if (topicIndicator == soci::i_ok) channel.topic = topic;
        channel.createdBy = createdBy;
        channel.createdAt = createdAt;
        channel.archived = archivedIndicator == soci::i_ok;
        channel.lastSeq = lastSeq;
        return channel;
    }
};

std::string sortKey(const std::optional<std::string>& name) {
    std::string key = name.value_or("");
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return key;
}

}  // namespace

std::string directKeyOf(const std::vector<std::int64_t>& sortedMembers) {
    std::string key;
    for (const auto id : sortedMembers) {
        if (!key.empty()) key += ',';
        key += std::to_string(id);
    }
    return key;
}

std::int64_t ChannelStore::insert(const NewChannel& channel) {
    const std::string kind(toString(channel.kind));
    const long long organizationId = channel.organizationId, createdBy = channel.createdBy;
    soci::indicator nameIndicator = channel.name ? soci::i_ok : soci::i_null;
    soci::indicator topicIndicator = channel.topic ? soci::i_ok : soci::i_null;
    soci::indicator keyIndicator = channel.directKey ? soci::i_ok : soci::i_null;
    const std::string name = channel.name.value_or(""), topic = channel.topic.value_or("");
    const std::string directKey = channel.directKey.value_or("");
    long long id = 0;
    session_ << "INSERT INTO chat_channels (organization_id, kind, name, topic, direct_key, created_by, created_at)"
                " VALUES (:organization, :kind, :name, :topic, :direct_key, :created_by, :created_at) RETURNING id",
        soci::use(organizationId), soci::use(kind), soci::use(name, nameIndicator), soci::use(topic, topicIndicator),
        soci::use(directKey, keyIndicator), soci::use(createdBy), soci::use(channel.createdAt), soci::into(id);
    return id;
}

template <typename... Keys>
std::vector<Channel> ChannelStore::selectChannels(const std::string& condition, const Keys&... keys) {
    ChannelColumns row;
    auto query = (session_.prepare << std::string("SELECT ") + kChannelColumns + " FROM chat_channels c " + condition);
    row.bind(query);
    (query, ..., soci::use(keys));
    soci::statement statement = query;
    statement.execute();
    std::vector<Channel> channels;
    while (statement.fetch()) channels.push_back(row.toChannel());
    std::vector<Channel*> pointers;
    for (auto& channel : channels) pointers.push_back(&channel);
    loadDirectMembers(pointers);
    return channels;
}

std::optional<Channel> ChannelStore::byId(std::int64_t id) {
    auto found = selectChannels("WHERE c.id = :id", static_cast<long long>(id));
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::optional<Channel> ChannelStore::byDirectKey(std::int64_t organizationId, const std::string& directKey) {
    auto found = selectChannels("WHERE c.organization_id = :organization AND c.direct_key = :direct_key",
                                static_cast<long long>(organizationId), directKey);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::optional<ChannelWithMember> ChannelStore::byIdWithMember(std::int64_t id, std::int64_t userId) {
    const long long key = id, user = userId;
    ChannelColumns row;
    long long memberId = 0, lastReadSeq = 0;
    std::string role, joinedAt;
    soci::indicator memberIndicator = soci::i_null, roleIndicator = soci::i_null, lastReadIndicator = soci::i_null,
                    joinedIndicator = soci::i_null;
    auto query = database_.prepared(session_, std::string("SELECT ") + kChannelColumns +
                                                  ", m.user_id, m.role, m.last_read_seq, m.joined_at FROM chat_channels c"
                                                  " LEFT JOIN chat_channel_members m"
                                                  " ON m.channel_id = c.id AND m.user_id = :user WHERE c.id = :id");
    row.bind(query);
    query.bind(soci::into(memberId, memberIndicator), soci::into(role, roleIndicator),
               soci::into(lastReadSeq, lastReadIndicator), soci::into(joinedAt, joinedIndicator), soci::use(user),
               soci::use(key));
    if (!query.execute(true)) return std::nullopt;
    ChannelWithMember found{row.toChannel(), std::nullopt};
    if (memberIndicator == soci::i_ok) {
        found.member = ChannelMember{memberId, parseChannelRole(role), lastReadSeq, joinedAt};
    }
    loadDirectMembers({&found.channel});
    return found;
}

// Counts are for members only: messages after their read marker, not their own, not deleted.
std::vector<ChannelView> ChannelStore::selectViews(const std::string& condition, std::int64_t userId,
                                                   std::int64_t key) {
    const long long user = userId, keyValue = key;
    ChannelColumns row;
    std::string role;
    soci::indicator roleIndicator = soci::i_null;
    long long lastReadSeq = 0, unread = 0, mentions = 0;
    auto query =
        (session_.prepare
         << std::string("SELECT ") + kChannelColumns +
                ", m.role, COALESCE(m.last_read_seq, 0),"
                " CASE WHEN m.user_id IS NULL THEN 0 ELSE (SELECT count(*) FROM chat_messages x"
                "   WHERE x.channel_id = c.id AND x.seq > m.last_read_seq AND x.author_id <> m.user_id"
                "   AND x.deleted_at IS NULL) END,"
                " CASE WHEN m.user_id IS NULL THEN 0 ELSE (SELECT count(*) FROM chat_mentions n"
                "   JOIN chat_messages x ON x.id = n.message_id"
                "   WHERE n.user_id = m.user_id AND x.channel_id = c.id AND x.seq > m.last_read_seq"
                "   AND x.author_id <> m.user_id AND x.deleted_at IS NULL) END"
                " FROM chat_channels c"
                " LEFT JOIN chat_channel_members m ON m.channel_id = c.id AND m.user_id = :user " +
                condition);
    row.bind(query);
    query, soci::into(role, roleIndicator), soci::into(lastReadSeq), soci::into(unread), soci::into(mentions),
        soci::use(user), soci::use(keyValue);
    soci::statement statement = query;
    statement.execute();
    std::vector<ChannelView> views;
    while (statement.fetch()) {
        ChannelView view{row.toChannel(), std::nullopt, lastReadSeq, unread, mentions};
        if (roleIndicator == soci::i_ok) view.role = parseChannelRole(role);
        views.push_back(std::move(view));
    }
    std::vector<Channel*> channels;
    for (auto& view : views) channels.push_back(&view.channel);
    loadDirectMembers(channels);
    return views;
}

std::vector<ChannelView> ChannelStore::visibleTo(std::int64_t organizationId, std::int64_t userId) {
    auto views = selectViews("WHERE c.organization_id = :organization AND (c.kind = 'public' OR m.user_id IS NOT NULL)",
                             userId, organizationId);
    // Sorted here rather than in SQL so that both backends agree whatever PostgreSQL's collation is.
    std::stable_sort(views.begin(), views.end(), [](const ChannelView& a, const ChannelView& b) {
        const bool directA = a.channel.kind == ChannelKind::Direct, directB = b.channel.kind == ChannelKind::Direct;
        if (directA != directB) return directB;
        const auto keyA = sortKey(a.channel.name), keyB = sortKey(b.channel.name);
        return keyA != keyB ? keyA < keyB : a.channel.id < b.channel.id;
    });
    return views;
}

std::optional<ChannelView> ChannelStore::viewOf(std::int64_t channelId, std::int64_t userId) {
    auto views = selectViews("WHERE c.id = :id", userId, channelId);
    if (views.empty()) return std::nullopt;
    return std::move(views.front());
}

void ChannelStore::loadDirectMembers(std::vector<Channel*> channels) {
    std::erase_if(channels, [](const Channel* c) { return c->kind != ChannelKind::Direct; });
    std::vector<std::int64_t> ids;
    for (const auto* channel : channels) ids.push_back(channel->id);
    auto members = idsByKey(session_, dialect_, "chat_channel_members", "channel_id", "user_id", ids);
    for (auto* channel : channels) channel->members = std::move(members[channel->id]);
}

void ChannelStore::update(std::int64_t id, const std::optional<std::string>& name,
                          const std::optional<std::string>& topic) {
    const long long key = id;
    soci::indicator nameIndicator = name ? soci::i_ok : soci::i_null;
    soci::indicator topicIndicator = topic ? soci::i_ok : soci::i_null;
    const std::string nameValue = name.value_or(""), topicValue = topic.value_or("");
    session_ << "UPDATE chat_channels SET name = :name, topic = :topic WHERE id = :id",
        soci::use(nameValue, nameIndicator), soci::use(topicValue, topicIndicator), soci::use(key);
}

void ChannelStore::archive(std::int64_t id, const std::string& at) {
    const long long key = id;
    session_ << "UPDATE chat_channels SET archived_at = :at WHERE id = :id AND archived_at IS NULL", soci::use(at),
        soci::use(key);
}

std::optional<TakenSeq> ChannelStore::takeNextSeq(std::int64_t id) {
    const long long key = id;
    long long seq = 0;
    std::string archivedAt;
    soci::indicator archivedIndicator = soci::i_null;
    auto statement = database_.prepared(
        session_, "UPDATE chat_channels SET last_seq = last_seq + 1 WHERE id = :id RETURNING last_seq, archived_at");
    if (!statement.bind(soci::use(key), soci::into(seq), soci::into(archivedAt, archivedIndicator)).execute(true)) {
        return std::nullopt;
    }
    return TakenSeq{seq, archivedIndicator == soci::i_ok};
}

}  // namespace ocomms::chat
