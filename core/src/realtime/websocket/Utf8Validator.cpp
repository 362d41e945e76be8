#include "realtime/websocket/Utf8Validator.hpp"

#include <cstring>

namespace ocomms::realtime::websocket {
namespace {

constexpr std::uint64_t kHighBitOfEveryByte = 0x8080808080808080ULL;

}  // namespace

bool Utf8Validator::feed(std::string_view bytes) {
    if (failed_) return false;
    const char* data = bytes.data();
    const std::size_t size = bytes.size();
    std::size_t i = 0;
    while (i < size) {
        if (pendingContinuations_ == 0) {
            // Chat text is mostly ASCII: skip it eight bytes at a time.
            for (std::uint64_t word = 0; i + sizeof word <= size; i += sizeof word) {
                std::memcpy(&word, data + i, sizeof word);
                if ((word & kHighBitOfEveryByte) != 0) break;
            }
            if (i == size) break;
            const auto lead = static_cast<std::uint8_t>(data[i++]);
            if (lead < 0x80) continue;
            if (!startSequence(lead)) return false;
        } else {
            const auto byte = static_cast<std::uint8_t>(data[i++]);
            if (byte < nextLow_ || byte > nextHigh_) {
                failed_ = true;
                return false;
            }
            --pendingContinuations_;
            nextLow_ = 0x80;
            nextHigh_ = 0xBF;
        }
    }
    return true;
}

bool Utf8Validator::startSequence(std::uint8_t lead) {
    nextLow_ = 0x80;
    nextHigh_ = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        pendingContinuations_ = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        pendingContinuations_ = 2;
        if (lead == 0xE0) nextLow_ = 0xA0;   // below would be overlong
        if (lead == 0xED) nextHigh_ = 0x9F;  // above would be a surrogate
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        pendingContinuations_ = 3;
        if (lead == 0xF0) nextLow_ = 0x90;   // below would be overlong
        if (lead == 0xF4) nextHigh_ = 0x8F;  // above would pass U+10FFFF
    } else {
        // A stray continuation byte, C0/C1 (always overlong) or F5..FF (always past U+10FFFF).
        failed_ = true;
        return false;
    }
    return true;
}

}  // namespace ocomms::realtime::websocket
