// Decoding UTF-8 strictly enough to count characters and spot control characters in user-given names.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace ocomms::identity {

/// The code points of `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates and
/// values above U+10FFFF are invalid).
std::optional<std::vector<char32_t>> decodeUtf8(std::string_view text);

/// C0 controls, DEL and C1 controls.
bool isControlCharacter(char32_t codePoint);

}  // namespace ocomms::identity
