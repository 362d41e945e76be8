// Small helpers for talking about YAML nodes in configuration messages.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/ConfigError.hpp"

namespace ocomms::config {

/// Where `node` starts in `file` (1-based), or `fallback` when the node has no position
/// (undefined, built in code, or a null whose mark yaml-cpp puts at the next token).
SourceLocation locationOf(const YAML::Node& node, const std::string& file, const SourceLocation& fallback);

/// A 0-based yaml-cpp mark as a 1-based location; 0 where the mark is unknown.
SourceLocation locationOf(const YAML::Mark& mark, const std::string& file);

/// Where the value under `path` (keys of nested mappings) is written, or where its nearest written
/// ancestor is when part of the path is absent.
SourceLocation locateValue(const YAML::Node& root, const std::vector<std::string>& path, const std::string& file,
                           const SourceLocation& fallback);

/// What a message should say was found: "a mapping", "a list", "nothing" or the quoted scalar text.
std::string describeNode(const YAML::Node& node);

/// `text` in double quotes with escapes, shortened when long, for "(got ...)" in messages.
std::string quoteForMessage(const std::string& text);

/// "parent.key", or "key" when there is no parent.
std::string joinKeyPath(const std::string& parent, const std::string& key);

}  // namespace ocomms::config
