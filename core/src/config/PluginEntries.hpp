// The `plugins:` list: one entry per plugin to load, each with its raw `settings:` kept for the host to
// validate against the plugin's own schema once the plugin is loaded.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/ConfigError.hpp"
#include "config/HostConfig.hpp"

namespace ocomms::config {

/// `list`: the value of `plugins:` (undefined or null: no plugins); `where`: the location of the key.
/// Appends every problem to `issues`; `file` paths are returned as written.
std::vector<PluginEntry> readPluginEntries(const YAML::Node& list, const std::string& file,
                                           const SourceLocation& where, std::vector<ConfigIssue>& issues);

}  // namespace ocomms::config
