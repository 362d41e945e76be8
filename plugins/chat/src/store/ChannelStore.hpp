// The `chat_channels` table, and channels as one user sees them (membership, unread and mention counts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Channel.hpp"

namespace ocomms::chat {

struct NewChannel {
    std::int64_t organizationId = 0;
    ChannelKind kind = ChannelKind::Public;
    std::optional<std::string> name;
    std::optional<std::string> topic;
    std::optional<std::string> directKey;  ///< direct channels: see directKeyOf()
    std::int64_t createdBy = 0;
    std::string createdAt;
};

/// The key that makes one set of users have one direct channel: the sorted ids, "3,7,12".
std::string directKeyOf(const std::vector<std::int64_t>& sortedMembers);

/// A channel and one user's membership of it, if any.
struct ChannelWithMember {
    Channel channel;
    std::optional<ChannelMember> member;
};

/// What taking a channel's next sequence number found.
struct TakenSeq {
    std::int64_t seq = 0;
    bool archived = false;
};

class ChannelStore {
public:
    ChannelStore(soci::session& session, Database& database)
        : session_(session), database_(database), dialect_(database.dialect()) {}

    /// Returns the new channel's id. Throws soci::soci_error when another direct channel has the key.
    std::int64_t insert(const NewChannel& channel);
    /// With the members of a direct channel.
    std::optional<Channel> byId(std::int64_t id);
    std::optional<Channel> byDirectKey(std::int64_t organizationId, const std::string& directKey);
    /// The channel (with the members of a direct channel) and the user's membership, in one query.
    std::optional<ChannelWithMember> byIdWithMember(std::int64_t id, std::int64_t userId);

    /// Every public channel of the organization and every channel the user is a member of, by name
    /// (direct channels last, by id), with the user's membership and counts.
    std::vector<ChannelView> visibleTo(std::int64_t organizationId, std::int64_t userId);
    /// One channel with the user's membership and counts (not checking that the user may see it).
    std::optional<ChannelView> viewOf(std::int64_t channelId, std::int64_t userId);

    void update(std::int64_t id, const std::optional<std::string>& name, const std::optional<std::string>& topic);
    void archive(std::int64_t id, const std::string& at);
    /// Takes the channel's next sequence number (its row stays locked until the transaction ends);
    /// nothing when there is no such channel.
    std::optional<TakenSeq> takeNextSeq(std::int64_t id);

private:
    template <typename... Keys>
    std::vector<Channel> selectChannels(const std::string& condition, const Keys&... keys);
    std::vector<ChannelView> selectViews(const std::string& condition, std::int64_t userId, std::int64_t key);
    /// Fills in `members` of the direct channels among `channels`.
    void loadDirectMembers(std::vector<Channel*> channels);

    soci::session& session_;
    Database& database_;
    Dialect dialect_;
};

}  // namespace ocomms::chat
