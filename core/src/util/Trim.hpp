// Trimming the blanks that HTTP headers allow around values.
#pragma once

#include <string_view>

namespace ocomms::util {

/// `text` without leading and trailing spaces and tabs.
inline std::string_view trimBlanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace ocomms::util
