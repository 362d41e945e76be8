#include "Mentions.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace ocomms::chat {
namespace {

std::string foldCase(std::string_view text) {
    std::string folded(text);
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return folded;
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

/// Characters that end a name: whitespace and the punctuation that commonly follows one.
bool endsName(char c) { return isSpace(c) || std::string_view(",;:!?()[]{}<>\"'`@").find(c) != std::string_view::npos; }

/// Letters, digits and the characters of email local parts: an `@` after one is inside a word.
bool isWordCharacter(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '.' || c == '+' || c == '-' || u >= 0x80;
}

std::map<std::string, std::vector<std::int64_t>> namesOf(const std::vector<MemberInfo>& members) {
    std::map<std::string, std::vector<std::int64_t>> names;
    for (const auto& member : members) {
        std::string compact;
        for (const char c : member.user.displayName)
            if (!isSpace(c)) compact += c;
        const auto email = std::string_view(member.user.email);
        for (const auto& name : {foldCase(compact), foldCase(email.substr(0, email.find('@')))}) {
            if (!name.empty()) names[name].push_back(member.user.id);
        }
    }
    return names;
}

}  // namespace

std::vector<std::int64_t> mentionedUsers(std::string_view text, const std::vector<MemberInfo>& members) {
    std::set<std::int64_t> mentioned;
    std::optional<std::map<std::string, std::vector<std::int64_t>>> names;  // built at the first '@'
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        if (at > 0 && isWordCharacter(text[at - 1])) continue;
        std::size_t end = at + 1;
        while (end < text.size() && !endsName(text[end])) ++end;
        auto candidate = foldCase(text.substr(at + 1, end - at - 1));
        if (!names) names = namesOf(members);
        // "@ann." at the end of a sentence names ann.
        while (!candidate.empty()) {
            if (const auto it = names->find(candidate); it != names->end()) {
                mentioned.insert(it->second.begin(), it->second.end());
                break;
            }
            if (candidate.back() != '.') break;
            candidate.pop_back();
        }
    }
    return {mentioned.begin(), mentioned.end()};
}

}  // namespace ocomms::chat
