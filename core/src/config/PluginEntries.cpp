#include "config/PluginEntries.hpp"

#include <map>

#include "config/CoreSchema.hpp"
#include "config/SchemaValidator.hpp"
#include "config/YamlNodes.hpp"

namespace ocomms::config {

namespace {

// The same rule as OCOMMS_PLUGIN's name, so that the entry can name the plugin it loads.
bool isPluginName(const std::string& name) {
    auto isLower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    if (name.empty() || !isLower(name.front())) return false;
    for (char c : name)
        if (!isLower(c) && !isDigit(c) && c != '-') return false;
    return true;
}

YAML::Node findValue(const YAML::Node& mapping, const std::string& key) {
    for (const auto& entry : mapping)
        if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

class PluginListReader {
public:
    PluginListReader(const std::string& file, std::vector<ConfigIssue>& issues) : file_(file), issues_(issues) {}

    std::vector<PluginEntry> read(const YAML::Node& list, const SourceLocation& where) {
        std::vector<PluginEntry> entries;
        if (!list.IsDefined() || list.IsNull()) return entries;
        const SourceLocation listLocation = locationOf(list, file_, where);
        if (!list.IsSequence()) {
            report(listLocation, "plugins", "must be a list of entries such as '- name: health' (got " +
                                                describeNode(list) + ")");
            return entries;
        }
        for (std::size_t index = 0; index < list.size(); ++index) {
            if (auto entry = readEntry(list[index], index, listLocation)) entries.push_back(std::move(*entry));
        }
        return entries;
    }

private:
    std::optional<PluginEntry> readEntry(const YAML::Node& node, std::size_t index,
                                         const SourceLocation& listLocation) {
        PluginEntry entry;
        entry.keyPath = "plugins[" + std::to_string(index) + "]";
        entry.location = locationOf(node, file_, listLocation);
        if (!node.IsMap()) {
            report(entry.location, entry.keyPath,
                   "must be a mapping such as 'name: health' (got " + describeNode(node) + ")");
            return std::nullopt;
        }

        auto validation = validateSettings(node, pluginEntrySchema(), file_, entry.keyPath, entry.location,
                                           {"settings"});
        issues_.insert(issues_.end(), validation.issues.begin(), validation.issues.end());
        const auto& values = validation.values;
        if (values.contains("name")) entry.name = values["name"].get<std::string>();
        if (values.contains("enabled")) entry.enabled = values["enabled"].get<bool>();
        if (values.contains("optional")) entry.optional = values["optional"].get<bool>();
        if (values.contains("file")) entry.file = values["file"].get<std::string>();

        const SourceLocation nameLocation = locateValue(node, {"name"}, file_, entry.location);
        if (values.contains("name")) checkName(entry, nameLocation);
        readSettings(node, entry);
        return entry;
    }

    void checkName(const PluginEntry& entry, const SourceLocation& nameLocation) {
        const std::string namePath = entry.keyPath + ".name";
        if (!isPluginName(entry.name)) {
            report(nameLocation, namePath,
                   "must be lowercase letters, digits and '-', starting with a letter (got " +
                       quoteForMessage(entry.name) + ")");
            return;
        }
        auto [first, inserted] = firstLineOf_.emplace(entry.name, nameLocation.line);
        if (!inserted) {
            report(nameLocation, namePath,
                   "plugin '" + entry.name + "' is listed twice (lines " + std::to_string(first->second) + " and " +
                       std::to_string(nameLocation.line) + ")");
        }
    }

    void readSettings(const YAML::Node& node, PluginEntry& entry) {
        const YAML::Node settings = findValue(node, "settings");
        entry.settingsLocation = entry.location;
        if (!settings.IsDefined()) return;
        entry.settingsLocation = locateValue(node, {"settings"}, file_, entry.location);
        if (settings.IsNull()) return;
        if (!settings.IsMap()) {
            report(entry.settingsLocation, entry.keyPath + ".settings",
                   "must be a mapping of the plugin's settings (got " + describeNode(settings) + ")");
            return;
        }
        entry.settings = settings;
    }

    void report(const SourceLocation& where, const std::string& keyPath, std::string message) {
        issues_.push_back({where, keyPath, std::move(message)});
    }

    const std::string& file_;
    std::vector<ConfigIssue>& issues_;
    std::map<std::string, int> firstLineOf_;
};

}  // namespace

std::vector<PluginEntry> readPluginEntries(const YAML::Node& list, const std::string& file,
                                           const SourceLocation& where, std::vector<ConfigIssue>& issues) {
    return PluginListReader(file, issues).read(list, where);
}

}  // namespace ocomms::config
