// A plugin's manifest: what OCOMMS_PLUGIN wrote into the `.ocomms_plugin` section of its file.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ocomms::plugin {

struct PluginManifest {
    int apiVersion = 0;
    std::string name;
    std::string version;
    std::string signature;
    std::vector<std::string> dependencies;
};

/// Why a plugin file cannot be used; the message names the file.
class PluginLoadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Parses the section's NUL-separated `key=value` entries. Throws PluginLoadError for a malformed one.
PluginManifest parseManifest(const std::string& section, const std::filesystem::path& file);

/// Reads the manifest from the file without loading it. Throws PluginLoadError when the file is missing,
/// is not a shared object, or has no manifest ("not an OComms plugin").
PluginManifest readManifest(const std::filesystem::path& file);

/// Throws PluginLoadError unless the plugin was built for this host's SDK API version and with the same
/// build signature. The message names both sides and the first component that differs, e.g.
/// "plugin 'x' (/p/x.so) was built with boost 1_75, this host with boost 1_74".
void checkCompatibility(const PluginManifest& manifest, const std::filesystem::path& file, int hostApiVersion,
                        const std::string& hostSignature);

}  // namespace ocomms::plugin
