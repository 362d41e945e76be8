#include "store/MemberStore.hpp"

#include "store/Bindings.hpp"

namespace ocomms::chat {
namespace {

constexpr const char* kMemberColumns = "SELECT user_id, role, last_read_seq, joined_at FROM chat_channel_members ";

struct MemberColumns {
    long long userId = 0, lastReadSeq = 0;
    std::string role, joinedAt;

    template <typename Query>
    void bind(Query& query) {
        addBindings(query, soci::into(userId), soci::into(role), soci::into(lastReadSeq), soci::into(joinedAt));
    }
    ChannelMember toMember() const { return {userId, parseChannelRole(role), lastReadSeq, joinedAt}; }
};

}  // namespace

bool MemberStore::add(std::int64_t channelId, std::int64_t userId, ChannelRole role, const std::string& joinedAt) {
    const long long channel = channelId, user = userId;
    const std::string roleName(toString(role));
    soci::statement statement =
        (session_.prepare << "INSERT INTO chat_channel_members (channel_id, user_id, role, joined_at)"
                             " VALUES (:channel, :user, :role, :joined) ON CONFLICT (channel_id, user_id) DO NOTHING",
         soci::use(channel), soci::use(user), soci::use(roleName), soci::use(joinedAt));
    statement.execute(true);
    return statement.get_affected_rows() > 0;
}

bool MemberStore::remove(std::int64_t channelId, std::int64_t userId) {
    const long long channel = channelId, user = userId;
    soci::statement statement =
        (session_.prepare << "DELETE FROM chat_channel_members WHERE channel_id = :channel AND user_id = :user",
         soci::use(channel), soci::use(user));
    statement.execute(true);
    return statement.get_affected_rows() > 0;
}

std::optional<ChannelMember> MemberStore::find(std::int64_t channelId, std::int64_t userId) {
    const long long channel = channelId, user = userId;
    MemberColumns row;
    auto query = database_.prepared(session_, std::string(kMemberColumns) + "WHERE channel_id = :channel AND user_id = :user");
    row.bind(query);
    if (!query.bind(soci::use(channel), soci::use(user)).execute(true)) return std::nullopt;
    return row.toMember();
}

std::vector<ChannelMember> MemberStore::all(std::int64_t channelId) {
    const long long channel = channelId;
    MemberColumns row;
    auto query = (session_.prepare << std::string(kMemberColumns) +
                                          "WHERE channel_id = :channel ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END,"
                                          " joined_at, user_id");
    row.bind(query);
    query, soci::use(channel);
    soci::statement statement = query;
    statement.execute();
    std::vector<ChannelMember> members;
    while (statement.fetch()) members.push_back(row.toMember());
    return members;
}

}  // namespace ocomms::chat
