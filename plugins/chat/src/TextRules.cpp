#include "TextRules.hpp"

#include <algorithm>
#include <vector>

#include "ChatErrors.hpp"

namespace ocomms::chat {
namespace {

/// The code points of `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates and
/// values above U+10FFFF are invalid). Strings parsed from JSON are valid already; path segments and
/// text replaced by a plugin's hook need not be.
std::optional<std::vector<char32_t>> decodeUtf8(std::string_view text) {
    std::vector<char32_t> codePoints;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i++]);
        int continuation = 0;
        char32_t value = 0, smallest = 0;
        if (lead < 0x80) {
            value = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            continuation = 1, value = lead & 0x1Fu, smallest = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            continuation = 2, value = lead & 0x0Fu, smallest = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            continuation = 3, value = lead & 0x07u, smallest = 0x10000;
        } else {
            return std::nullopt;
        }
        if (text.size() - i < static_cast<std::size_t>(continuation)) return std::nullopt;
        for (int k = 0; k < continuation; ++k) {
            const auto byte = static_cast<unsigned char>(text[i++]);
            if ((byte & 0xC0) != 0x80) return std::nullopt;
            value = (value << 6) | (byte & 0x3Fu);
        }
        if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
        codePoints.push_back(value);
    }
    return codePoints;
}

bool isControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool isWhitespace(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::vector<char32_t> decodedOrThrow(std::string_view field, std::string_view text) {
    auto codePoints = decodeUtf8(text);
    if (!codePoints) throw errors::invalidField(std::string(field), "must be valid UTF-8");
    return std::move(*codePoints);
}

std::string_view trimmed(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    return text;
}

/// Checks a short single-line value: valid UTF-8, at most `maxCharacters`, no control characters.
void checkLine(std::string_view field, std::string_view value, std::size_t maxCharacters) {
    const auto codePoints = decodedOrThrow(field, value);
    if (codePoints.size() > maxCharacters) {
        throw errors::invalidField(std::string(field),
                                   "must be at most " + std::to_string(maxCharacters) + " characters");
    }
    if (std::any_of(codePoints.begin(), codePoints.end(), isControl)) {
        throw errors::invalidField(std::string(field), "must not contain control characters");
    }
}

}  // namespace

std::string checkedChannelName(std::string_view name) {
    const auto value = trimmed(name);
    if (value.empty()) throw errors::invalidField("name", "must not be empty");
    checkLine("name", value, kMaxChannelNameCharacters);
    return std::string(value);
}

std::optional<std::string> checkedTopic(std::string_view topic) {
    const auto value = trimmed(topic);
    if (value.empty()) return std::nullopt;
    checkLine("topic", value, kMaxTopicCharacters);
    return std::string(value);
}

void checkMessageText(std::string_view text, std::int64_t maxBytes) {
    if (static_cast<std::int64_t>(text.size()) > maxBytes) throw errors::messageTooLarge(text.size(), maxBytes);
    const auto codePoints = decodedOrThrow("text", text);
    if (std::all_of(codePoints.begin(), codePoints.end(), isWhitespace)) {
        throw errors::invalidField("text", "must not be empty");
    }
    const auto forbidden = [](char32_t c) { return isControl(c) && c != '\t' && c != '\n' && c != '\r'; };
    if (std::any_of(codePoints.begin(), codePoints.end(), forbidden)) {
        throw errors::invalidField("text", "must not contain control characters other than tab and line breaks");
    }
}

void checkClientId(std::string_view clientId) {
    if (clientId.empty()) throw errors::invalidField("client_id", "must not be empty");
    checkLine("client_id", clientId, kMaxClientIdCharacters);
}

void checkEmoji(std::string_view emoji) {
    if (emoji.empty() || emoji.size() > kMaxEmojiBytes) {
        throw errors::invalidField("emoji", "must be 1 to " + std::to_string(kMaxEmojiBytes) + " bytes");
    }
    const auto codePoints = decodedOrThrow("emoji", emoji);
    if (std::any_of(codePoints.begin(), codePoints.end(), [](char32_t c) { return isWhitespace(c) || isControl(c); })) {
        throw errors::invalidField("emoji", "must not contain whitespace or control characters");
    }
}

}  // namespace ocomms::chat
