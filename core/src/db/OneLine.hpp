// SOCI's and libpq's messages span several lines; a log line or an exception reads better as one.
#pragma once

#include <cctype>
#include <string>

namespace ocomms::db {

inline std::string oneLine(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace ocomms::db
