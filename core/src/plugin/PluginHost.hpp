// The plugins of one configuration: found, checked, loaded, configured, started in dependency order and
// stopped in reverse.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <ocomms/logger.hpp>
#include <ocomms/plugin.hpp>

#include "config/ConfigError.hpp"
#include "config/HostConfig.hpp"
#include "db/Migrator.hpp"
#include "plugin/CoreServices.hpp"
#include "plugin/PluginContext.hpp"
#include "plugin/PluginLibrary.hpp"

namespace ocomms::plugin {

/// Thrown by start() when a required plugin fails to start; the message names the plugin.
class PluginStartError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What `ocomms plugins list` shows of one plugin.
struct PluginReport {
    std::string name;
    std::string version;       ///< empty when the manifest could not be read
    int apiVersion = 0;
    std::filesystem::path file;
    bool enabled = false;
    bool optional = false;
    bool loads = false;
    std::string problem;       ///< why it does not load
};

class PluginHost {
public:
    PluginHost(config::HostConfig config, Logger& logger);
    ~PluginHost();

    /// Finds, checks, loads, validates the settings of, and configures every enabled plugin, then orders
    /// them by their requirements. Returns the problems that must stop the host (each pinned to the
    /// plugin's entry in the configuration); problems of `optional: true` plugins are logged as warnings
    /// and those plugins left disabled instead.
    std::vector<config::ConfigIssue> load();

    /// The core's migrations first, then each loaded plugin's, in start order.
    std::vector<db::MigrationSource> migrationSources() const;

    /// Starts the loaded plugins in dependency order. A required plugin that throws stops the ones
    /// already started (in reverse) and raises PluginStartError; an optional one is logged, its
    /// registrations removed, and left disabled.
    void start(CoreServices& services);
    /// Stops started plugins in reverse order; never throws.
    void stop();

    /// Every configured plugin, and every `.so` in the search path that the configuration does not name.
    std::vector<PluginReport> report();

    /// Names of the started plugins, in start order.
    std::vector<std::string> startedPlugins() const;

private:
    struct Loaded;
    std::vector<config::ConfigIssue> loadOne(const config::PluginEntry& entry, Loaded& out);
    void dropUnsatisfied(std::vector<config::ConfigIssue>& issues);
    void fail(const config::PluginEntry& entry, const std::string& message, std::vector<config::ConfigIssue>& issues);

    const config::HostConfig config_;  // a copy: Loaded::entry points into it
    Logger& logger_;
    std::vector<std::filesystem::path> searchPath_;
    std::vector<std::unique_ptr<Loaded>> loaded_;  // in start order after load()
};

}  // namespace ocomms::plugin
