// The chat plugin's settings, as the service uses them (declared in ChatPlugin's settings schema).
#pragma once

#include <cstdint>

namespace ocomms::chat {

struct ChatLimits {
    std::int64_t maxMessageBytes = 16384;  ///< longer text answers 413 message_too_large
    std::int64_t historyLimitMax = 200;    ///< largest page of history or search results
    std::int64_t directMaxMembers = 8;     ///< a direct channel has 2 to this many members
};

}  // namespace ocomms::chat
