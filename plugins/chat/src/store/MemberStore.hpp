// The `chat_channel_members` table: who belongs to a channel, with which role.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include <ocomms/database.hpp>

#include "model/Channel.hpp"

namespace ocomms::chat {

class MemberStore {
public:
    MemberStore(soci::session& session, Database& database) : session_(session), database_(database) {}

    /// False when the user was a member already (nothing changes then).
    bool add(std::int64_t channelId, std::int64_t userId, ChannelRole role, const std::string& joinedAt);
    /// False when the user was not a member.
    bool remove(std::int64_t channelId, std::int64_t userId);
    std::optional<ChannelMember> find(std::int64_t channelId, std::int64_t userId);
    /// Admins first, then by when they joined.
    std::vector<ChannelMember> all(std::int64_t channelId);

private:
    soci::session& session_;
    Database& database_;
};

}  // namespace ocomms::chat
