// What chat accepts as a channel name, a topic, message text, a client id and an emoji. Each check throws
// HttpError 400 `invalid_field` naming the field (or 413 `message_too_large`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocomms::chat {

inline constexpr std::size_t kMaxChannelNameCharacters = 80;
inline constexpr std::size_t kMaxTopicCharacters = 250;
inline constexpr std::size_t kMaxClientIdCharacters = 64;
inline constexpr std::size_t kMaxEmojiBytes = 64;

/// The name without surrounding whitespace: 1..80 characters, no control characters.
std::string checkedChannelName(std::string_view name);
/// The topic without surrounding whitespace, at most 250 characters, no control characters; nullopt when
/// that leaves nothing (which clears the topic).
std::optional<std::string> checkedTopic(std::string_view topic);
/// At most `maxBytes` bytes (else 413), valid UTF-8, not blank, no control characters but tab and
/// line breaks. The text is kept as written.
void checkMessageText(std::string_view text, std::int64_t maxBytes);
/// 1..64 characters, no control characters.
void checkClientId(std::string_view clientId);
/// 1..64 bytes of valid UTF-8 without whitespace or control characters.
void checkEmoji(std::string_view emoji);

}  // namespace ocomms::chat
