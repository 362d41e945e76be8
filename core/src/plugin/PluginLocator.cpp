#include "plugin/PluginLocator.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

namespace ocomms::plugin {

std::vector<std::filesystem::path> pluginSearchPath(const std::vector<std::filesystem::path>& configured) {
    std::vector<std::filesystem::path> path = configured;
    boost::dll::fs::error_code ec;
    const auto exe = boost::dll::program_location(ec);
    if (!ec) {
        const std::filesystem::path exeDir = std::filesystem::path(exe.string()).parent_path();
        path.push_back(exeDir / "plugins");
        path.push_back((exeDir.parent_path() / OCOMMS_INSTALL_PLUGIN_DIR).lexically_normal());
    }
    return path;
}

std::optional<std::filesystem::path> findPluginFile(const std::string& name,
                                                    const std::vector<std::filesystem::path>& searchPath) {
    for (const auto& dir : searchPath) {
        std::error_code ec;
        const auto candidate = dir / (name + ".so");
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

}  // namespace ocomms::plugin
