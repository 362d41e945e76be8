// Validates a YAML subtree against a SettingsSchema and produces the values as JSON with defaults filled in.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <ocomms/settings.hpp>

#include "config/ConfigError.hpp"

namespace ocomms::config {

struct ValidationResult {
    nlohmann::json values = nlohmann::json::object();
    std::vector<ConfigIssue> issues;
    bool ok() const { return issues.empty(); }
};

/// `node` may be undefined or null (then every default applies and required keys are reported).
/// `keyPath` prefixes the key paths in issues ("plugins[1].settings"); `fallback` locates issues about a
/// missing node. Strings get `${VAR}` substitution applied before typing (see EnvSubstitution.hpp).
/// Values of settings marked secret never appear in issue messages.
ValidationResult validateSettings(const YAML::Node& node, const SettingsSchema& schema, const std::string& file,
                                  const std::string& keyPath, const SourceLocation& fallback);

/// As above, but the top-level keys in `validatedElsewhere` are left to the caller: they are neither typed
/// nor reported as unknown (the core's `plugins:` list, a plugin entry's raw `settings:`).
ValidationResult validateSettings(const YAML::Node& node, const SettingsSchema& schema, const std::string& file,
                                  const std::string& keyPath, const SourceLocation& fallback,
                                  const std::vector<std::string>& validatedElsewhere);

}  // namespace ocomms::config
