// Typed settings: the schema a plugin (or the core) declares, and the validated values it receives.
//
// The host validates YAML against a schema and reports every problem with file, line, column and key path
// before any plugin sees its settings. Values arrive as `Settings`, with defaults filled in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <ocomms/visibility.hpp>

namespace ocomms {

/// Thrown by Plugin::configure for a combination of settings that the schema cannot express.
class OCOMMS_VISIBLE ConfigurationError : public std::runtime_error {
public:
    ConfigurationError(std::string key, const std::string& message)
        : std::runtime_error(message), key_(std::move(key)) {}
    const std::string& key() const noexcept { return key_; }

private:
    std::string key_;
};

enum class SettingType { Boolean, Integer, String, Duration, StringList, Object };

class SettingsSchema;

/// One key of a schema. Built with the static constructors and chained modifiers:
///   Setting::integer("keep").range(1, 365).defaultTo(7).describe("backups to keep")
/// A setting without a default is required.
class Setting {
public:
    static Setting boolean(std::string key) { return Setting(std::move(key), SettingType::Boolean); }
    static Setting integer(std::string key) { return Setting(std::move(key), SettingType::Integer); }
    static Setting string(std::string key) { return Setting(std::move(key), SettingType::String); }
    /// A length of time: "250ms", "30s", "5m", "2h", "7d", or a bare number of seconds.
    static Setting duration(std::string key) { return Setting(std::move(key), SettingType::Duration); }
    static Setting stringList(std::string key) { return Setting(std::move(key), SettingType::StringList); }
    static Setting object(std::string key, const SettingsSchema& schema);

    Setting& describe(std::string text) { description_ = std::move(text); return *this; }
    Setting& defaultTo(nlohmann::json value) { default_ = std::move(value); return *this; }
    /// Integer bounds, or duration bounds in milliseconds.
    Setting& range(std::int64_t min, std::int64_t max) { min_ = min; max_ = max; return *this; }
    /// Strings: the value must be one of these.
    Setting& oneOf(std::vector<std::string> values) { allowed_ = std::move(values); return *this; }
    /// Strings: the empty string is refused.
    Setting& nonEmpty() { nonEmpty_ = true; return *this; }
    /// Never printed in logs, errors or listings.
    Setting& secret() { secret_ = true; return *this; }

    const std::string& key() const { return key_; }
    SettingType type() const { return type_; }
    const std::string& description() const { return description_; }
    const std::optional<nlohmann::json>& defaultValue() const { return default_; }
    const std::optional<std::int64_t>& min() const { return min_; }
    const std::optional<std::int64_t>& max() const { return max_; }
    const std::vector<std::string>& allowed() const { return allowed_; }
    bool isNonEmpty() const { return nonEmpty_; }
    bool isSecret() const { return secret_; }
    /// For Object settings: the nested schema.
    const std::vector<Setting>& children() const { return children_; }

private:
    Setting(std::string key, SettingType type) : key_(std::move(key)), type_(type) {}

    std::string key_;
    SettingType type_;
    std::string description_;
    std::optional<nlohmann::json> default_;
    std::optional<std::int64_t> min_, max_;
    std::vector<std::string> allowed_;
    bool nonEmpty_ = false;
    bool secret_ = false;
    std::vector<Setting> children_;
};

/// An ordered set of settings. Keys not in the schema are refused.
class SettingsSchema {
public:
    SettingsSchema() = default;
    SettingsSchema(std::initializer_list<Setting> settings) : settings_(settings) {}

    SettingsSchema& add(Setting setting) { settings_.push_back(std::move(setting)); return *this; }
    const std::vector<Setting>& settings() const { return settings_; }
    bool empty() const { return settings_.empty(); }

private:
    std::vector<Setting> settings_;
};

inline Setting Setting::object(std::string key, const SettingsSchema& schema) {
    Setting s(std::move(key), SettingType::Object);
    s.children_ = schema.settings();
    s.default_ = nlohmann::json::object();
    return s;
}

/// Validated values. Durations are stored as milliseconds.
class Settings {
public:
    Settings() : values_(nlohmann::json::object()) {}
    explicit Settings(nlohmann::json values) : values_(std::move(values)) {}

    bool getBool(const std::string& key) const { return at(key).get<bool>(); }
    std::int64_t getInt(const std::string& key) const { return at(key).get<std::int64_t>(); }
    std::string getString(const std::string& key) const { return at(key).get<std::string>(); }
    std::chrono::milliseconds getDuration(const std::string& key) const {
        return std::chrono::milliseconds(at(key).get<std::int64_t>());
    }
    std::vector<std::string> getStringList(const std::string& key) const {
        return at(key).get<std::vector<std::string>>();
    }
    Settings getObject(const std::string& key) const { return Settings(at(key)); }
    bool has(const std::string& key) const { return values_.contains(key); }
    const nlohmann::json& json() const { return values_; }

private:
    const nlohmann::json& at(const std::string& key) const {
        auto it = values_.find(key);
        if (it == values_.end()) throw std::out_of_range("no setting named '" + key + "'");
        return *it;
    }
    nlohmann::json values_;
};

}  // namespace ocomms
