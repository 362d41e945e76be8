#include "identity/Utf8.hpp"

namespace ocomms::identity {
namespace {

struct Lead {
    int continuationBytes;
    char32_t initialBits;
    char32_t smallestValue;  ///< anything below is an overlong encoding
};

std::optional<Lead> leadOf(unsigned char byte) {
    if (byte < 0x80) return Lead{0, byte, 0};
    if ((byte & 0xE0) == 0xC0) return Lead{1, byte & 0x1Fu, 0x80};
    if ((byte & 0xF0) == 0xE0) return Lead{2, byte & 0x0Fu, 0x800};
    if ((byte & 0xF8) == 0xF0) return Lead{3, byte & 0x07u, 0x10000};
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<char32_t>> decodeUtf8(std::string_view text) {
    std::vector<char32_t> codePoints;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = leadOf(static_cast<unsigned char>(text[i++]));
        if (!lead || text.size() - i < static_cast<std::size_t>(lead->continuationBytes)) return std::nullopt;
        char32_t value = lead->initialBits;
        for (int k = 0; k < lead->continuationBytes; ++k) {
            const auto byte = static_cast<unsigned char>(text[i++]);
            if ((byte & 0xC0) != 0x80) return std::nullopt;
            value = (value << 6) | (byte & 0x3Fu);
        }
        if (value < lead->smallestValue || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
            return std::nullopt;
        }
        codePoints.push_back(value);
    }
    return codePoints;
}

bool isControlCharacter(char32_t codePoint) {
    return codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F);
}

}  // namespace ocomms::identity
