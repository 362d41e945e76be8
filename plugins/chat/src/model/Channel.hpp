// A channel as stored, its members, and a channel as one user sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ocomms::chat {

/// Public: every member of the organization may see and join it. Private: only its members see it.
/// Direct: a fixed set of 2 to direct_max_members users, without a name.
enum class ChannelKind { Public, Private, Direct };

std::string_view toString(ChannelKind kind);
std::optional<ChannelKind> parseChannelKind(std::string_view name);

/// The creator of a channel is its admin; admins (and the organization's admins) manage a private
/// channel's members and rename or archive the channel.
enum class ChannelRole { Admin, Member };

std::string_view toString(ChannelRole role);
ChannelRole parseChannelRole(std::string_view name);

struct Channel {
    std::int64_t id = 0;
    std::int64_t organizationId = 0;
    ChannelKind kind = ChannelKind::Public;
    std::optional<std::string> name;   ///< none for direct channels
    std::optional<std::string> topic;
    std::int64_t createdBy = 0;
    std::string createdAt;
    bool archived = false;
    std::int64_t lastSeq = 0;          ///< the sequence number of the newest message
    std::vector<std::int64_t> members; ///< direct channels only: every member, ascending
};

struct ChannelMember {
    std::int64_t userId = 0;
    ChannelRole role = ChannelRole::Member;
    std::int64_t lastReadSeq = 0;
    std::string joinedAt;
};

/// A channel with what concerns one user: membership, read marker and counts.
struct ChannelView {
    Channel channel;
    std::optional<ChannelRole> role;  ///< set when the user is a member
    std::int64_t lastReadSeq = 0;
    std::int64_t unread = 0;    ///< messages after lastReadSeq, not by the user, not deleted
    std::int64_t mentions = 0;  ///< of those, the ones that mention the user
};

}  // namespace ocomms::chat
