// Read markers: the sequence number of the last message a member has read in a channel.
#pragma once

#include <cstdint>

#include <soci/soci.h>

namespace ocomms::chat {

class ReadMarkerStore {
public:
    explicit ReadMarkerStore(soci::session& session) : session_(session) {}

    /// Moves the member's marker forward to `seq` (never back); returns the marker as it now stands.
    std::int64_t advance(std::int64_t channelId, std::int64_t userId, std::int64_t seq);

private:
    soci::session& session_;
};

}  // namespace ocomms::chat
