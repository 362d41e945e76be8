#include "store/ReadMarkerStore.hpp"

namespace ocomms::chat {

std::int64_t ReadMarkerStore::advance(std::int64_t channelId, std::int64_t userId, std::int64_t seq) {
    const long long channel = channelId, user = userId, target = seq, floor = seq;
    session_ << "UPDATE chat_channel_members SET last_read_seq = :seq"
                " WHERE channel_id = :channel AND user_id = :user AND last_read_seq < :floor",
        soci::use(target), soci::use(channel), soci::use(user), soci::use(floor);
    long long marker = 0;
    session_ << "SELECT last_read_seq FROM chat_channel_members WHERE channel_id = :channel AND user_id = :user",
        soci::use(channel), soci::use(user), soci::into(marker);
    return marker;
}

}  // namespace ocomms::chat
