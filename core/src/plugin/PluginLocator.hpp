// Where a plugin's shared object is found.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ocomms::plugin {

/// The folders searched for `<name>.so`, in order: the configured `plugin_dirs`, then `plugins/` beside
/// the executable (a build tree), then the installed plugin folder relative to the executable
/// (`<prefix>/bin/ocomms` -> `<prefix>/lib/ocomms/plugins`).
std::vector<std::filesystem::path> pluginSearchPath(const std::vector<std::filesystem::path>& configured);

/// The first `<name>.so` in `searchPath`, or nullopt.
std::optional<std::filesystem::path> findPluginFile(const std::string& name,
                                                    const std::vector<std::filesystem::path>& searchPath);

}  // namespace ocomms::plugin
