#include "realtime/websocket/Masking.hpp"

#include <array>
#include <cstring>

namespace ocomms::realtime::websocket {

void applyMask(const char* from, char* to, std::size_t size, const MaskKey& key, std::uint64_t payloadOffset) {
    // The key rotated to this piece's phase and repeated to eight bytes, so the loop XORs a word at a
    // time; memcpy keeps the loads and stores free of alignment assumptions and compiles to plain moves.
    std::array<std::uint8_t, 8> rotated{};
    for (std::size_t k = 0; k < rotated.size(); ++k) rotated[k] = key[(payloadOffset + k) % 4];
    std::uint64_t keyWord = 0;
    std::memcpy(&keyWord, rotated.data(), sizeof keyWord);

    std::size_t i = 0;
    for (; i + sizeof keyWord <= size; i += sizeof keyWord) {
        std::uint64_t word = 0;
        std::memcpy(&word, from + i, sizeof word);
        word ^= keyWord;
        std::memcpy(to + i, &word, sizeof word);
    }
    for (; i < size; ++i) to[i] = static_cast<char>(static_cast<std::uint8_t>(from[i]) ^ rotated[i % 8]);
}

}  // namespace ocomms::realtime::websocket
