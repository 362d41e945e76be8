#include "config/KeySuggestion.hpp"

#include <algorithm>
#include <optional>

namespace ocomms::config {

namespace {

constexpr std::size_t kFarthestSuggestion = 2;

std::optional<std::string> closestKey(const std::string& key, const std::vector<std::string>& knownKeys) {
    std::optional<std::string> best;
    std::size_t bestDistance = kFarthestSuggestion + 1;
    for (const auto& known : knownKeys) {
        const auto distance = editDistance(key, known);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = known;
        }
    }
    return best;
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
    return text;
}

}  // namespace

// Optimal string alignment: Levenshtein plus transpositions, since "pool_sizr" and "pool_szie" are both
// one slip of the fingers.
std::size_t editDistance(const std::string& from, const std::string& to) {
    const std::size_t rows = from.size() + 1;
    const std::size_t columns = to.size() + 1;
    std::vector<std::size_t> table(rows * columns);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return table[i * columns + j]; };
    for (std::size_t i = 0; i < rows; ++i) at(i, 0) = i;
    for (std::size_t j = 0; j < columns; ++j) at(0, j) = j;
    for (std::size_t i = 1; i < rows; ++i) {
        for (std::size_t j = 1; j < columns; ++j) {
            const std::size_t cost = from[i - 1] == to[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(rows - 1, columns - 1);
}

std::string unknownKeyMessage(const std::string& key, const std::vector<std::string>& knownKeys) {
    std::string message = "unknown key '" + key + "'";
    if (knownKeys.empty()) return message + " (this section takes no keys)";
    if (auto suggestion = closestKey(key, knownKeys)) message += ", did you mean '" + *suggestion + "'?";
    return message + " (expected one of: " + joined(knownKeys) + ")";
}

}  // namespace ocomms::config
