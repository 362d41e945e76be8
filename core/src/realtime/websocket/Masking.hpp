// The XOR masking of client-to-server payloads (RFC 6455 section 5.3).
#pragma once

#include "realtime/websocket/Frame.hpp"

#include <cstddef>
#include <cstdint>

namespace ocomms::realtime::websocket {

/// Writes `size` bytes of `from`, XORed with the mask, to `to`; `from[0]` is byte `payloadOffset` of
/// the frame's payload, so a payload may be unmasked piece by piece as it arrives. `from` and `to` may
/// be the same buffer (in place), but must not otherwise overlap.
void applyMask(const char* from, char* to, std::size_t size, const MaskKey& key, std::uint64_t payloadOffset);

}  // namespace ocomms::realtime::websocket
