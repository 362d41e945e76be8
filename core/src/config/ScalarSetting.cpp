#include "config/ScalarSetting.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>

#include "config/Duration.hpp"
#include "config/YamlNodes.hpp"

namespace ocomms::config {

namespace {

/// " (got ...)", or nothing for a secret, whose value never appears in a message.
std::string got(const Setting& setting, const std::string& shown) {
    return setting.isSecret() ? "" : " (got " + shown + ")";
}

ScalarOutcome failure(std::string problem) { return {nlohmann::json(), std::move(problem)}; }

// The YAML 1.2 core schema's spellings: `yes`, `on` and friends are YAML 1.1 and surprise people.
std::optional<bool> parseBoolean(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    return std::nullopt;
}

std::optional<std::int64_t> parseInteger(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [parsedEnd, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc{} || parsedEnd != end) return std::nullopt;
    return value;
}

/// Empty when `value` lies within the setting's bounds; `spell` prints a bound.
template <typename Spell>
std::string rangeProblem(const Setting& setting, std::int64_t value, const std::string& shown, Spell spell) {
    const auto& min = setting.min();
    const auto& max = setting.max();
    const bool tooSmall = min && value < *min;
    const bool tooLarge = max && value > *max;
    if (!tooSmall && !tooLarge) return "";
    if (min && max) return "must be between " + spell(*min) + " and " + spell(*max) + got(setting, shown);
    if (min) return "must be at least " + spell(*min) + got(setting, shown);
    return "must be at most " + spell(*max) + got(setting, shown);
}

ScalarOutcome convertInteger(const Setting& setting, const std::string& text) {
    auto value = parseInteger(text);
    if (!value) return failure(expectedKind(SettingType::Integer) + got(setting, quoteForMessage(text)));
    auto spell = [](std::int64_t bound) { return std::to_string(bound); };
    if (auto problem = rangeProblem(setting, *value, text, spell); !problem.empty()) return failure(problem);
    return {*value, ""};
}

ScalarOutcome convertDuration(const Setting& setting, const std::string& text) {
    auto value = parseDuration(text);
    if (!value) return failure(expectedKind(SettingType::Duration) + got(setting, quoteForMessage(text)));
    auto spell = [](std::int64_t bound) { return formatDuration(std::chrono::milliseconds(bound)); };
    if (auto problem = rangeProblem(setting, value->count(), text, spell); !problem.empty()) return failure(problem);
    return {static_cast<std::int64_t>(value->count()), ""};
}

ScalarOutcome convertString(const Setting& setting, const std::string& text) {
    if (setting.isNonEmpty() && text.empty()) return failure("must not be empty");
    const auto& allowed = setting.allowed();
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
        std::string choices;
        for (const auto& choice : allowed) choices += (choices.empty() ? "" : ", ") + choice;
        return failure("must be one of: " + choices + got(setting, quoteForMessage(text)));
    }
    return {text, ""};
}

}  // namespace

std::string expectedKind(SettingType type) {
    switch (type) {
        case SettingType::Boolean: return "must be true or false";
        case SettingType::Integer: return "must be an integer";
        case SettingType::String: return "must be a string";
        case SettingType::Duration: return "must be a duration such as 250ms, 30s, 5m, 2h or 7d";
        case SettingType::StringList: return "must be a list of strings";
        case SettingType::Object: return "must be a mapping";
    }
    return "must be a valid value";
}

ScalarOutcome convertScalar(const Setting& setting, const std::string& text) {
    switch (setting.type()) {
        case SettingType::Boolean:
            if (auto value = parseBoolean(text)) return {*value, ""};
            return failure(expectedKind(SettingType::Boolean) + got(setting, quoteForMessage(text)));
        case SettingType::Integer: return convertInteger(setting, text);
        case SettingType::String: return convertString(setting, text);
        case SettingType::Duration: return convertDuration(setting, text);
        case SettingType::StringList:
        case SettingType::Object: break;
    }
    return failure(expectedKind(setting.type()) + got(setting, quoteForMessage(text)));
}

}  // namespace ocomms::config
