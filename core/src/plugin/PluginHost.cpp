#include "plugin/PluginHost.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "config/SchemaValidator.hpp"
#include "plugin/DependencyOrder.hpp"
#include "plugin/PluginLocator.hpp"

namespace ocomms::plugin {
namespace {

/// Every call into a plugin goes through here: whatever escapes it becomes an error naming the plugin.
template <typename Call>
auto atBoundary(const std::string& plugin, const char* step, Call&& call) -> decltype(call()) {
    try {
        return call();
    } catch (const ConfigurationError&) {
        throw;
    } catch (const std::exception& e) {
        throw PluginLoadError("plugin '" + plugin + "' failed in " + step + ": " + e.what());
    } catch (...) {
        throw PluginLoadError("plugin '" + plugin + "' failed in " + step + ": unknown exception");
    }
}

std::string joinPaths(const std::vector<std::filesystem::path>& paths) {
    std::string out;
    for (const auto& p : paths) out += (out.empty() ? "" : ", ") + p.string();
    return out;
}

}  // namespace

struct PluginHost::Loaded {
    const config::PluginEntry* entry = nullptr;
    std::filesystem::path file;
    PluginManifest manifest;
    std::unique_ptr<PluginLibrary> library;
    std::shared_ptr<Plugin> instance;
    Settings settings;
    std::unique_ptr<PluginContext> context;
    bool started = false;
};

PluginHost::PluginHost(config::HostConfig config, Logger& logger)
    : config_(std::move(config)), logger_(logger), searchPath_(pluginSearchPath(config_.pluginDirs)) {}

PluginHost::~PluginHost() { stop(); }

void PluginHost::fail(const config::PluginEntry& entry, const std::string& message,
                      std::vector<config::ConfigIssue>& issues) {
    if (entry.optional) {
        logger_.warn("optional plugin '" + entry.name + "' is left disabled: " + message);
        return;
    }
    issues.push_back({entry.location, entry.keyPath, message});
}

std::vector<config::ConfigIssue> PluginHost::loadOne(const config::PluginEntry& entry, Loaded& out) {
    out.entry = &entry;
    if (!entry.file.empty()) {
        out.file = entry.file;
    } else if (auto found = findPluginFile(entry.name, searchPath_)) {
        out.file = *found;
    } else {
        throw PluginLoadError("unknown plugin '" + entry.name + "': no " + entry.name + ".so in " +
                              joinPaths(searchPath_) + " (set `file:` or `plugin_dirs:`)");
    }

    out.manifest = readManifest(out.file);
    if (out.manifest.name != entry.name)
        throw PluginLoadError(out.file.string() + " holds plugin '" + out.manifest.name + "', not '" + entry.name + "'");
    checkCompatibility(out.manifest, out.file, OCOMMS_SDK_API_VERSION, OCOMMS_BUILD_SIGNATURE);

    out.library = std::make_unique<PluginLibrary>(out.file, out.manifest);
    out.instance = atBoundary(entry.name, "its constructor", [&] { return out.library->create(); });
    const SettingsSchema schema = atBoundary(entry.name, "settingsSchema()", [&] { return out.instance->settingsSchema(); });

    auto validated = config::validateSettings(entry.settings, schema, config_.file.string(), entry.keyPath + ".settings",
                                              entry.settingsLocation);
    if (!validated.ok()) return validated.issues;
    out.settings = Settings(validated.values);
    try {
        atBoundary(entry.name, "configure()", [&] { out.instance->configure(out.settings); });
    } catch (const ConfigurationError& e) {
        return {{entry.settingsLocation, entry.keyPath + ".settings." + e.key(), e.what()}};
    }
    return {};
}

std::vector<config::ConfigIssue> PluginHost::load() {
    std::vector<config::ConfigIssue> issues;
    for (const auto& entry : config_.plugins) {
        if (!entry.enabled) continue;
        auto loaded = std::make_unique<Loaded>();
        try {
            auto settingsIssues = loadOne(entry, *loaded);
            if (!settingsIssues.empty()) {
                if (entry.optional) {
                    for (const auto& issue : settingsIssues)
                        logger_.warn("optional plugin '" + entry.name + "' is left disabled: " + issue.toString());
                } else {
                    issues.insert(issues.end(), settingsIssues.begin(), settingsIssues.end());
                }
                continue;
            }
        } catch (const std::exception& e) {
            fail(entry, e.what(), issues);
            continue;
        }
        loaded_.push_back(std::move(loaded));
    }

    dropUnsatisfied(issues);

    std::vector<std::string> names;
    std::map<std::string, std::vector<std::string>> requirements;
    for (const auto& l : loaded_) {
        names.push_back(l->manifest.name);
        requirements[l->manifest.name] = l->manifest.dependencies;
    }
    try {
        const auto order = dependencyOrder(names, requirements);
        std::vector<std::unique_ptr<Loaded>> sorted;
        for (const auto& name : order)
            for (auto& l : loaded_)
                if (l && l->manifest.name == name) sorted.push_back(std::move(l));
        loaded_ = std::move(sorted);
    } catch (const DependencyError& e) {
        issues.push_back({{config_.file.string(), 0, 0}, "plugins", e.what()});
    }
    return issues;
}

/// Removes loaded plugins whose requirements are not loaded, repeatedly (a removal can strand others).
void PluginHost::dropUnsatisfied(std::vector<config::ConfigIssue>& issues) {
    std::set<std::string> configuredEnabled;
    for (const auto& entry : config_.plugins)
        if (entry.enabled) configuredEnabled.insert(entry.name);
    bool changed = true;
    while (changed) {
        changed = false;
        std::set<std::string> present;
        for (const auto& l : loaded_) present.insert(l->manifest.name);
        for (auto it = loaded_.begin(); it != loaded_.end(); ++it) {
            for (const auto& required : (*it)->manifest.dependencies) {
                if (present.count(required)) continue;
                const std::string why = configuredEnabled.count(required) ? "which failed to load" : "which is not enabled";
                fail(*(*it)->entry, "plugin '" + (*it)->manifest.name + "' requires '" + required + "', " + why, issues);
                loaded_.erase(it);
                changed = true;
                break;
            }
            if (changed) break;
        }
    }
}

std::vector<db::MigrationSource> PluginHost::migrationSources() const {
    std::vector<db::MigrationSource> sources{{"core", &ocomms_core_migrations}};
    for (const auto& l : loaded_)
        if (l->library->migrations()) sources.push_back({l->manifest.name, l->library->migrations()});
    return sources;
}

void PluginHost::start(CoreServices& services) {
    std::set<std::string> running;
    for (auto& l : loaded_) {
        const auto& name = l->manifest.name;
        std::string problem;
        for (const auto& required : l->manifest.dependencies)
            if (!running.count(required)) problem = "requires '" + required + "', which did not start";
        if (problem.empty()) {
            l->context = std::make_unique<PluginContext>(services, name, l->settings, l->library->keepAlive());
            try {
                atBoundary(name, "start()", [&] { l->instance->start(*l->context); });
                l->started = true;
                running.insert(name);
                logger_.info("started plugin '" + name + "' " + l->manifest.version);
                continue;
            } catch (const std::exception& e) {
                problem = e.what();
            }
            l->context->removeRegistrations();
        }
        if (l->entry->optional) {
            logger_.warn("optional plugin '" + name + "' is left disabled: " + problem);
            continue;
        }
        stop();
        throw PluginStartError("plugin '" + name + "' did not start: " + problem);
    }
}

void PluginHost::stop() {
    for (auto it = loaded_.rbegin(); it != loaded_.rend(); ++it) {
        auto& l = **it;
        if (!l.started) continue;
        try {
            atBoundary(l.manifest.name, "stop()", [&] { l.instance->stop(); });
            logger_.info("stopped plugin '" + l.manifest.name + "'");
        } catch (const std::exception& e) {
            logger_.error(e.what());
        }
        l.context->removeRegistrations();
        l.started = false;
    }
}

std::vector<std::string> PluginHost::startedPlugins() const {
    std::vector<std::string> names;
    for (const auto& l : loaded_)
        if (l->started) names.push_back(l->manifest.name);
    return names;
}

std::vector<PluginReport> PluginHost::report() {
    std::vector<PluginReport> reports;
    std::set<std::filesystem::path> seenFiles;
    auto check = [&](const config::PluginEntry& entry) {
        PluginReport r{entry.name, "", 0, {}, entry.enabled, entry.optional, false, ""};
        Loaded probe;
        try {
            auto issues = loadOne(entry, probe);
            r.loads = issues.empty();
            if (!issues.empty()) r.problem = issues.front().toString();
        } catch (const std::exception& e) {
            r.problem = e.what();
        }
        r.file = probe.file;
        r.version = probe.manifest.version;
        r.apiVersion = probe.manifest.apiVersion;
        if (!probe.file.empty()) seenFiles.insert(std::filesystem::weakly_canonical(probe.file));
        reports.push_back(std::move(r));
    };
    for (const auto& entry : config_.plugins) check(entry);

    for (const auto& dir : searchPath_) {
        std::error_code ec;
        for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
            if (item.path().extension() != ".so") continue;
            if (seenFiles.count(std::filesystem::weakly_canonical(item.path()))) continue;
            const std::string name = item.path().stem().string();
            if (std::any_of(reports.begin(), reports.end(), [&](const PluginReport& r) { return r.name == name; }))
                continue;
            config::PluginEntry unconfigured;
            unconfigured.name = name;
            unconfigured.enabled = false;
            unconfigured.file = item.path().string();
            unconfigured.keyPath = "plugins";
            check(unconfigured);
        }
    }
    return reports;
}

}  // namespace ocomms::plugin
