// Reading the configuration file into one YAML mapping, turning every way that can fail into an issue.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/ConfigError.hpp"

namespace ocomms::config {

/// The file's top-level mapping, or nullopt with the reasons in `issues` (unreadable file, malformed YAML,
/// an empty file, more than one document, a top level that is not a mapping).
std::optional<YAML::Node> readConfigDocument(const std::filesystem::path& file, std::vector<ConfigIssue>& issues);

}  // namespace ocomms::config
