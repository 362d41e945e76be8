#include "config/YamlNodes.hpp"

#include <nlohmann/json.hpp>

namespace ocomms::config {

namespace {

constexpr std::size_t kLongestQuotedText = 60;

}  // namespace

SourceLocation locationOf(const YAML::Mark& mark, const std::string& file) {
    SourceLocation location{file, 0, 0};
    if (mark.line >= 0) location.line = mark.line + 1;
    if (mark.line >= 0 && mark.column >= 0) location.column = mark.column + 1;
    return location;
}

SourceLocation locationOf(const YAML::Node& node, const std::string& file, const SourceLocation& fallback) {
    if (!node.IsDefined() || node.IsNull()) return fallback;
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return fallback;
    return locationOf(mark, file);
}

SourceLocation locateValue(const YAML::Node& root, const std::vector<std::string>& path, const std::string& file,
                           const SourceLocation& fallback) {
    SourceLocation location = locationOf(root, file, fallback);
    YAML::Node current = root;
    for (const auto& key : path) {
        if (!current.IsMap()) break;
        bool found = false;
        for (const auto& entry : current) {
            if (!entry.first.IsScalar() || entry.first.Scalar() != key) continue;
            location = locationOf(entry.second, file, locationOf(entry.first, file, location));
            current.reset(entry.second);  // `=` would overwrite the node in the tree, not rebind
            found = true;
            break;
        }
        if (!found) break;
    }
    return location;
}

std::string describeNode(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) return "nothing";
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    return quoteForMessage(node.Scalar());
}

std::string quoteForMessage(const std::string& text) {
    // `replace`: a value that is not valid UTF-8 (or one shortened mid-character) must still print.
    auto quote = [](const std::string& raw) {
        return nlohmann::json(raw).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    if (text.size() <= kLongestQuotedText) return quote(text);
    const auto quoted = quote(text.substr(0, kLongestQuotedText));
    return quoted.substr(0, quoted.size() - 1) + "...\"";
}

std::string joinKeyPath(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

}  // namespace ocomms::config
