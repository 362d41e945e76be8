#include "realtime/websocket/Masking.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ocomms::realtime::websocket {
namespace {

std::string maskByteAtATime(const std::string& payload, const MaskKey& key, std::uint64_t offset) {
    std::string out = payload;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(out[i] ^ key[(offset + i) % 4]);
    return out;
}

TEST(WebSocketMasking, WordAtATimeMatchesTheRfcDefinitionForEverySizeAndPhase) {
    const MaskKey key{0x01, 0x80, 0xFE, 0x5A};
    std::string payload;
    for (int i = 0; i < 41; ++i) payload.push_back(static_cast<char>(i * 37));
    for (std::size_t size = 0; size <= payload.size(); ++size) {
        for (std::uint64_t offset = 0; offset < 8; ++offset) {
            const std::string input = payload.substr(0, size);
            std::string output(size, '\0');
            applyMask(input.data(), output.data(), size, key, offset);
            EXPECT_EQ(output, maskByteAtATime(input, key, offset)) << size << " at " << offset;
        }
    }
}

TEST(WebSocketMasking, PiecesUnmaskedSeparatelyJoinToTheWhole) {
    const MaskKey key{0xA1, 0xB2, 0xC3, 0xD4};
    const std::string payload = "the quick brown fox jumps over the lazy dog";
    const std::string whole = maskByteAtATime(payload, key, 0);
    for (std::size_t split = 0; split <= payload.size(); ++split) {
        std::string pieces = payload;
        applyMask(pieces.data(), pieces.data(), split, key, 0);
        applyMask(pieces.data() + split, pieces.data() + split, payload.size() - split, key, split);
        EXPECT_EQ(pieces, whole) << split;
    }
}

}  // namespace
}  // namespace ocomms::realtime::websocket
