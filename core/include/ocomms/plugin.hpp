// The plugin contract, on one screen.
//
// A plugin is a shared object that contains exactly one `OCOMMS_PLUGIN(Class, "name", "version")`.
// The host:
//   1. reads the plugin's manifest (a plain string in the ELF section `.ocomms_plugin`) from the file,
//      without loading it, and refuses an SDK API version or build signature that differs from its own;
//   2. loads the library, creates the plugin through `ocomms_plugin_create`;
//   3. calls `settingsSchema()`, validates the plugin's YAML `settings` against it, then `configure()`;
//   4. calls `start()` in dependency order (plugins named as required start first), and `stop()` in
//      reverse order at shutdown.
// Every registration made through the HostContext (routes, event handlers, health checks) belongs to the
// plugin and is removed by the host when the plugin stops. An exception escaping any of these calls is
// caught by the host and reported with the plugin's name.
//
// Nothing should happen in a plugin's constructor or static initialisers: do the work in start().
#pragma once

#include <ocomms/build_signature.hpp>
#include <ocomms/host_context.hpp>
#include <ocomms/settings.hpp>

namespace ocomms {

class Plugin {
public:
    virtual ~Plugin() = default;

    /// The keys, types, defaults and bounds of this plugin's `settings` in the YAML file.
    virtual SettingsSchema settingsSchema() const { return {}; }

    /// Receives the plugin's settings, validated against settingsSchema() with defaults filled in.
    /// Throw `ConfigurationError` to refuse a combination of values the schema cannot express.
    virtual void configure(const Settings& settings) { (void)settings; }

    /// Registers what the plugin offers. The HostContext outlives the plugin.
    virtual void start(HostContext& host) = 0;

    /// Finishes in-flight work. Registrations are removed by the host afterwards.
    virtual void stop() {}
};

}  // namespace ocomms

/// Name of the ELF section that holds a plugin's manifest.
#define OCOMMS_PLUGIN_SECTION ".ocomms_plugin"

/// Declares the shared object's plugin.
///   Class:    a default-constructible subclass of ocomms::Plugin
///   Name:     string literal, lowercase letters, digits and '-', e.g. "backup-trigger"
///   Version:  string literal, the plugin's own version, e.g. "1.2.0"
///   optional: string literal naming the plugins this one requires, separated by spaces, e.g. "chat"
#define OCOMMS_PLUGIN(Class, Name, Version, ...)                                                   \
    OCOMMS_DETAIL_PLUGIN_MANIFEST(OCOMMS_DETAIL_STR(OCOMMS_SDK_API_VERSION), OCOMMS_BUILD_SIGNATURE, \
                                  Name, Version, "" __VA_ARGS__)                                   \
    extern "C" __attribute__((visibility("default"))) ::ocomms::Plugin* ocomms_plugin_create() {    \
        return new Class();                                                                        \
    }

/// The manifest is one NUL-separated `key=value` list in its own section, so that the host can read it
/// from the file before running anything of the plugin (as the Linux kernel reads `.modinfo`).
/// Not for direct use: the loader tests use it to build plugins with a foreign API version or signature.
#define OCOMMS_DETAIL_PLUGIN_MANIFEST(ApiVersion, Signature, Name, Version, Requires)               \
    extern "C" __attribute__((used, visibility("default"), section(OCOMMS_PLUGIN_SECTION)))        \
    const char ocomms_plugin_manifest[] = "ocomms-plugin\0api=" ApiVersion "\0name=" Name          \
                                          "\0version=" Version "\0signature=" Signature            \
                                          "\0requires=" Requires "\0";
