#include "plugin/PluginLibrary.hpp"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>

namespace ocomms::plugin {
namespace {

/// Boost.DLL reports only an errno-like code; the dynamic loader's own text names the missing symbol or
/// dependency, so ask it directly.
std::string loaderDiagnosis(const std::filesystem::path& file, const boost::dll::fs::error_code& ec) {
    dlerror();
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) {
        dlclose(handle);
        return ec.message();
    }
    const char* why = dlerror();
    return why ? std::string(why) : ec.message();
}

}  // namespace

PluginLibrary::PluginLibrary(const std::filesystem::path& file, const PluginManifest& manifest)
    : file_(file), name_(manifest.name) {
    auto library = std::make_shared<boost::dll::shared_library>();
    boost::dll::fs::error_code ec;
    library->load(boost::dll::fs::path(file.string()),
                  boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
    if (ec) {
        throw PluginLoadError(file.string() + ": cannot load plugin '" + name_ + "': " + loaderDiagnosis(file, ec));
    }
    if (!library->has("ocomms_plugin_create"))
        throw PluginLoadError(file.string() + ": plugin '" + name_ + "' has no ocomms_plugin_create (use OCOMMS_PLUGIN)");
    factory_ = &library->get<Plugin*()>("ocomms_plugin_create");
    if (library->has("ocomms_plugin_migrations"))
        migrations_ = &library->get<const ocomms_migration_table>("ocomms_plugin_migrations");
    library_ = std::move(library);
}

std::shared_ptr<Plugin> PluginLibrary::create() const {
    Plugin* raw = factory_();
    if (raw == nullptr) throw PluginLoadError(file_.string() + ": plugin '" + name_ + "' factory returned null");
    // The deleter holds the library: the plugin's destructor is code inside it.
    auto library = library_;
    return std::shared_ptr<Plugin>(raw, [library](Plugin* plugin) { delete plugin; });
}

const ocomms_migration_table* PluginLibrary::migrations() const { return migrations_; }

}  // namespace ocomms::plugin
