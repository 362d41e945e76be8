// Rules on the core's values that the settings schema cannot express: the form of addresses, URLs and
// origins, the length of the auth secret, non-empty folder names, realtime timeouts that fit together.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "config/ConfigError.hpp"

namespace ocomms::config {

/// `values`: what the schema validation produced (keys that failed it are absent and are skipped here).
/// `root`: the document, to locate each issue.
std::vector<ConfigIssue> checkCoreValues(const nlohmann::json& values, const YAML::Node& root,
                                         const std::string& file);

}  // namespace ocomms::config
