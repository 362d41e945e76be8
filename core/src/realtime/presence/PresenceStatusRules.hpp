// How statuses combine across connections and nodes, and their names on the wire.
#pragma once

#include <optional>
#include <string_view>

#include <ocomms/realtime.hpp>

namespace ocomms::realtime {

/// The status that wins when a user is seen in two places: Online over Away over Offline.
constexpr PresenceStatus strongerStatus(PresenceStatus a, PresenceStatus b) {
    if (a == PresenceStatus::Online || b == PresenceStatus::Online) return PresenceStatus::Online;
    if (a == PresenceStatus::Away || b == PresenceStatus::Away) return PresenceStatus::Away;
    return PresenceStatus::Offline;
}

/// The inverse of toString(PresenceStatus); nothing for any other text.
inline std::optional<PresenceStatus> parsePresenceStatus(std::string_view text) {
    for (const PresenceStatus status : {PresenceStatus::Offline, PresenceStatus::Online, PresenceStatus::Away}) {
        if (toString(status) == text) return status;
    }
    return std::nullopt;
}

}  // namespace ocomms::realtime
