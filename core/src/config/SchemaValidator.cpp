#include "config/SchemaValidator.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "config/Duration.hpp"
#include "config/EnvSubstitution.hpp"
#include "config/KeySuggestion.hpp"
#include "config/ScalarSetting.hpp"
#include "config/YamlNodes.hpp"

namespace ocomms::config {

namespace {

using nlohmann::json;

bool contains(const std::vector<std::string>& words, const std::string& word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

const Setting* findSetting(const std::vector<Setting>& settings, const std::string& key) {
    for (const auto& setting : settings)
        if (setting.key() == key) return &setting;
    return nullptr;
}

/// One pass over a YAML subtree, collecting every issue rather than stopping at the first.
class SchemaWalk {
public:
    SchemaWalk(std::string file, EnvLookup env) : file_(std::move(file)), env_(std::move(env)) {}

    json mapping(const YAML::Node& node, const std::vector<Setting>& settings, const std::string& path,
                 const SourceLocation& where, const std::vector<std::string>& validatedElsewhere) {
        json values = json::object();
        if (!node.IsDefined() || node.IsNull()) {
            for (const auto& setting : settings) assignMissing(values, setting, path, where);
            return values;
        }
        const SourceLocation here = locationOf(node, file_, where);
        if (!node.IsMap()) {
            report(here, path, expectedKind(SettingType::Object) + " (got " + describeNode(node) + ")");
            return values;
        }
        std::map<std::string, SourceLocation> seen;
        for (const auto& entry : node) {
            const SourceLocation keyLocation = locationOf(entry.first, file_, here);
            if (!entry.first.IsScalar()) {
                report(keyLocation, path, "keys must be names (got " + describeNode(entry.first) + ")");
                continue;
            }
            const std::string& key = entry.first.Scalar();
            if (auto first = seen.find(key); first != seen.end()) {
                report(keyLocation, joinKeyPath(path, key),
                       "is given twice (first on line " + std::to_string(first->second.line) + ")");
                continue;
            }
            seen.emplace(key, keyLocation);
            if (!contains(validatedElsewhere, key))
                assignGiven(values, settings, validatedElsewhere, key, entry.second, path, keyLocation);
        }
        for (const auto& setting : settings)
            if (!seen.count(setting.key())) assignMissing(values, setting, path, here);
        return values;
    }

    std::vector<ConfigIssue> takeIssues() { return std::move(issues_); }

private:
    static std::vector<std::string> knownKeys(const std::vector<Setting>& settings,
                                              const std::vector<std::string>& validatedElsewhere) {
        std::vector<std::string> keys;
        for (const auto& setting : settings) keys.push_back(setting.key());
        keys.insert(keys.end(), validatedElsewhere.begin(), validatedElsewhere.end());
        return keys;
    }

    void assignGiven(json& values, const std::vector<Setting>& settings,
                     const std::vector<std::string>& validatedElsewhere, const std::string& key,
                     const YAML::Node& value, const std::string& parentPath, const SourceLocation& keyLocation) {
        const std::string keyPath = joinKeyPath(parentPath, key);
        const Setting* setting = findSetting(settings, key);
        if (setting == nullptr) {
            report(keyLocation, keyPath, unknownKeyMessage(key, knownKeys(settings, validatedElsewhere)));
        } else if (value.IsNull()) {
            assignMissing(values, *setting, parentPath, keyLocation);
        } else if (auto typedValue = typed(*setting, value, keyPath, keyLocation)) {
            values[key] = std::move(*typedValue);
        }
    }

    /// A key that is absent or null takes its default; without one it is required.
    void assignMissing(json& values, const Setting& setting, const std::string& parentPath,
                       const SourceLocation& where) {
        const std::string keyPath = joinKeyPath(parentPath, setting.key());
        if (setting.type() == SettingType::Object) {
            values[setting.key()] = mapping(YAML::Node(), setting.children(), keyPath, where, {});
            return;
        }
        if (!setting.defaultValue()) {
            report(where, keyPath, "is required");
            return;
        }
        if (auto value = normalizedDefault(setting, keyPath, where)) values[setting.key()] = std::move(*value);
    }

    // Schemas may spell a duration default as "30s" (readable) or as milliseconds (the stored form).
    std::optional<json> normalizedDefault(const Setting& setting, const std::string& keyPath,
                                          const SourceLocation& where) {
        const json& value = *setting.defaultValue();
        if (setting.type() != SettingType::Duration || !value.is_string()) return value;
        if (auto duration = parseDuration(value.get<std::string>()))
            return static_cast<std::int64_t>(duration->count());
        report(where, keyPath, "the schema's default is not a duration (a bug in whoever declared it)");
        return std::nullopt;
    }

    std::optional<json> typed(const Setting& setting, const YAML::Node& node, const std::string& keyPath,
                              const SourceLocation& keyLocation) {
        const SourceLocation where = locationOf(node, file_, keyLocation);
        switch (setting.type()) {
            case SettingType::Object: return mapping(node, setting.children(), keyPath, keyLocation, {});
            case SettingType::StringList: return stringList(setting, node, keyPath, where);
            default: break;
        }
        if (!node.IsScalar()) {
            report(where, keyPath, expectedKind(setting.type()) + " (got " + describeNode(node) + ")");
            return std::nullopt;
        }
        auto text = substituted(setting, node, keyPath, where);
        if (!text) return std::nullopt;
        auto outcome = convertScalar(setting, *text);
        if (!outcome.problem.empty()) {
            report(where, keyPath, outcome.problem);
            return std::nullopt;
        }
        return outcome.value;
    }

    std::optional<json> stringList(const Setting& setting, const YAML::Node& node, const std::string& keyPath,
                                   const SourceLocation& where) {
        if (!node.IsSequence()) {
            const std::string shown = node.IsScalar() && setting.isSecret() ? "a string" : describeNode(node);
            report(where, keyPath, expectedKind(SettingType::StringList) + " (got " + shown + ")");
            return std::nullopt;
        }
        json values = json::array();
        bool allGood = true;
        for (std::size_t index = 0; index < node.size(); ++index) {
            const YAML::Node element = node[index];
            const std::string elementPath = keyPath + "[" + std::to_string(index) + "]";
            const SourceLocation elementLocation = locationOf(element, file_, where);
            std::optional<std::string> text;
            if (element.IsScalar()) {
                text = substituted(setting, element, elementPath, elementLocation);
            } else {
                report(elementLocation, elementPath, "must be a string (got " + describeNode(element) + ")");
            }
            if (text) values.push_back(std::move(*text));
            allGood = allGood && text.has_value();
        }
        if (!allGood) return std::nullopt;
        return values;
    }

    std::optional<std::string> substituted(const Setting& setting, const YAML::Node& scalar,
                                           const std::string& keyPath, const SourceLocation& where) {
        try {
            return substituteEnv(scalar.Scalar(), env_);
        } catch (const SubstitutionError& error) {
            const bool hide = setting.isSecret() && error.quotesText();
            report(where, keyPath, hide ? "holds an invalid ${...} reference (value not shown: secret)" : error.what());
            return std::nullopt;
        }
    }

    void report(const SourceLocation& where, const std::string& keyPath, std::string message) {
        issues_.push_back(ConfigIssue{where, keyPath, std::move(message)});
    }

    std::string file_;
    EnvLookup env_;
    std::vector<ConfigIssue> issues_;
};

}  // namespace

ValidationResult validateSettings(const YAML::Node& node, const SettingsSchema& schema, const std::string& file,
                                  const std::string& keyPath, const SourceLocation& fallback) {
    return validateSettings(node, schema, file, keyPath, fallback, {});
}

ValidationResult validateSettings(const YAML::Node& node, const SettingsSchema& schema, const std::string& file,
                                  const std::string& keyPath, const SourceLocation& fallback,
                                  const std::vector<std::string>& validatedElsewhere) {
    SchemaWalk walk(file, processEnvironment());
    ValidationResult result;
    result.values = walk.mapping(node, schema.settings(), keyPath, fallback, validatedElsewhere);
    result.issues = walk.takeIssues();
    return result;
}

}  // namespace ocomms::config
