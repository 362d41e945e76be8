#include "store/Fts5Query.hpp"

namespace ocomms::chat {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

}  // namespace

std::string fts5Query(std::string_view text) {
    std::string query;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i])) ++i;
        if (i == text.size()) break;
        if (!query.empty()) query += ' ';
        query += '"';
        for (; i < text.size() && !isSpace(text[i]); ++i) {
            if (text[i] == '"') query += '"';
            query += text[i];
        }
        query += '"';
    }
    return query;
}

}  // namespace ocomms::chat
