#include "plugin/PluginManifest.hpp"

#include <charconv>
#include <sstream>

#include "plugin/ElfSection.hpp"

#include <ocomms/plugin.hpp>

namespace ocomms::plugin {
namespace {

constexpr std::string_view kMagic = "ocomms-plugin";

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string current;
    std::istringstream in(text);
    while (std::getline(in, current, separator)) {
        const auto begin = current.find_first_not_of(' ');
        const auto end = current.find_last_not_of(' ');
        if (begin != std::string::npos) parts.push_back(current.substr(begin, end - begin + 1));
    }
    return parts;
}

/// "gcc 12.2.0" -> ("gcc", "12.2.0"); the signature is "component version; component version; ...".
std::pair<std::string, std::string> component(const std::string& entry) {
    const auto space = entry.find(' ');
    if (space == std::string::npos) return {entry, ""};
    return {entry.substr(0, space), entry.substr(space + 1)};
}

std::string describeDifference(const std::string& plugin, const std::string& host) {
    const auto pluginParts = split(plugin, ';');
    const auto hostParts = split(host, ';');
    for (const auto& p : pluginParts) {
        const auto [name, version] = component(p);
        bool hostHasIt = false;
        for (const auto& h : hostParts) {
            const auto [hostName, hostVersion] = component(h);
            if (hostName != name) continue;
            hostHasIt = true;
            if (hostVersion != version)
                return "was built with " + name + " " + version + ", this host with " + hostName + " " + hostVersion;
        }
        if (!hostHasIt) return "was built with " + p + ", which this host was not";
    }
    for (const auto& h : hostParts) {
        const auto hostName = component(h).first;
        bool pluginHasIt = false;
        for (const auto& p : pluginParts) pluginHasIt = pluginHasIt || component(p).first == hostName;
        if (!pluginHasIt) return "was built without " + h + ", which this host was built with";
    }
    return "has a different build signature";
}

}  // namespace

PluginManifest parseManifest(const std::string& section, const std::filesystem::path& file) {
    const auto fail = [&](const std::string& why) {
        return PluginLoadError(file.string() + ": malformed plugin manifest: " + why);
    };
    std::vector<std::string> entries;
    std::size_t start = 0;
    while (start < section.size()) {
        const auto end = section.find('\0', start);
        const auto stop = end == std::string::npos ? section.size() : end;
        if (stop > start) entries.push_back(section.substr(start, stop - start));
        start = stop + 1;
    }
    if (entries.empty() || entries.front() != kMagic) throw fail("does not start with '" + std::string(kMagic) + "'");

    PluginManifest manifest;
    bool sawApi = false;
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const auto& entry = entries[i];
        const auto eq = entry.find('=');
        if (eq == std::string::npos) throw fail("entry '" + entry + "' is not key=value");
        const auto key = entry.substr(0, eq);
        const auto value = entry.substr(eq + 1);
        if (key == "api") {
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), manifest.apiVersion);
            if (ec != std::errc() || ptr != value.data() + value.size()) throw fail("api '" + value + "' is not a number");
            sawApi = true;
        } else if (key == "name") {
            manifest.name = value;
        } else if (key == "version") {
            manifest.version = value;
        } else if (key == "signature") {
            manifest.signature = value;
        } else if (key == "requires") {
            manifest.dependencies = split(value, ' ');
        }
        // Unknown keys are allowed: a newer SDK may add entries that this host does not need.
    }
    if (!sawApi) throw fail("no api version");
    if (manifest.name.empty()) throw fail("no name");
    return manifest;
}

PluginManifest readManifest(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw PluginLoadError(file.string() + ": no such file");
    std::optional<std::string> section;
    try {
        section = readElfSection(file, OCOMMS_PLUGIN_SECTION);
    } catch (const ElfError& e) {
        throw PluginLoadError(e.what());
    }
    if (!section) throw PluginLoadError(file.string() + ": not an OComms plugin (no " OCOMMS_PLUGIN_SECTION " section)");
    return parseManifest(*section, file);
}

void checkCompatibility(const PluginManifest& manifest, const std::filesystem::path& file, int hostApiVersion,
                        const std::string& hostSignature) {
    const std::string who = "plugin '" + manifest.name + "' (" + file.string() + ")";
    if (manifest.apiVersion != hostApiVersion) {
        throw PluginLoadError(who + " was built for SDK API version " + std::to_string(manifest.apiVersion) +
                              ", this host provides version " + std::to_string(hostApiVersion) +
                              "; rebuild the plugin against this host's SDK");
    }
    if (manifest.signature != hostSignature) {
        throw PluginLoadError(who + " " + describeDifference(manifest.signature, hostSignature) +
                              "; rebuild the plugin against this host's SDK (plugin signature \"" +
                              manifest.signature + "\", host signature \"" + hostSignature + "\")");
    }
}

}  // namespace ocomms::plugin
