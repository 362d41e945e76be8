// A plugin's shared object, loaded, and the plugin object created from it.
#pragma once

#include <filesystem>
#include <memory>

#include <ocomms/migration.hpp>
#include <ocomms/plugin.hpp>

#include "plugin/PluginManifest.hpp"

namespace ocomms::plugin {

/// Loads the file with Boost.DLL (RTLD_NOW | RTLD_LOCAL). Call only after checkCompatibility: loading runs
/// the plugin's static initialisers. Throws PluginLoadError naming the file (e.g. unresolved symbols).
class PluginLibrary {
public:
    PluginLibrary(const std::filesystem::path& file, const PluginManifest& manifest);

    /// A new plugin object. It, and every copy of the returned pointer, keeps the library loaded.
    std::shared_ptr<Plugin> create() const;
    /// The plugin's compiled-in migrations, or null.
    const ocomms_migration_table* migrations() const;
    /// A token that keeps the library loaded while it lives (held by routes, handlers, checks).
    std::shared_ptr<const void> keepAlive() const { return library_; }

private:
    std::filesystem::path file_;
    std::string name_;
    std::shared_ptr<const void> library_;
    Plugin* (*factory_)() = nullptr;
    const ocomms_migration_table* migrations_ = nullptr;
};

}  // namespace ocomms::plugin
