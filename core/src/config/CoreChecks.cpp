#include "config/CoreChecks.hpp"

#include "util/AddressRange.hpp"

#include <initializer_list>

#include "config/Duration.hpp"
#include "config/ListenAddress.hpp"
#include "config/YamlNodes.hpp"
#include "http/Origin.hpp"

namespace ocomms::config {

namespace {

constexpr std::size_t kShortestAuthSecret = 32;

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool startsWithAny(const std::string& text, std::initializer_list<const char*> prefixes) {
    for (const char* prefix : prefixes)
        if (startsWith(text, prefix)) return true;
    return false;
}

bool isRedisPrefix(const std::string& prefix) {
    if (prefix.empty() || prefix.size() > 64) return false;
    for (const char c : prefix)
        if (c <= ' ' || c > '~') return false;
    return true;
}

class CoreChecks {
public:
    CoreChecks(const nlohmann::json& values, const YAML::Node& root, const std::string& file)
        : values_(values), root_(root), file_(file) {}

    std::vector<ConfigIssue> run() {
        if (auto listen = text("server", "listen")) {
            if (auto parsed = parseListenAddress(*listen); !parsed.problem.empty())
                report({"server", "listen"}, parsed.problem);
        }
        if (auto url = text("server", "public_url")) checkPublicUrl(*url);
        // The URLs and the secret below are secret settings: their messages never quote them.
        if (auto url = text("database", "url"); url && !url->empty() &&
                                                !startsWithAny(*url, {"sqlite:", "postgresql://", "postgres://"}))
            report({"database", "url"}, "must start with sqlite:, postgresql:// or postgres://");
        if (auto url = text("redis", "url"); url && !url->empty() && !startsWith(*url, "redis://"))
            report({"redis", "url"}, "must be empty (no Redis) or start with redis://");
        if (auto prefix = text("redis", "prefix"); prefix && !isRedisPrefix(*prefix))
            report({"redis", "prefix"}, "must be 1..64 printable characters without spaces, e.g. \"ocomms:\"");
        if (auto secret = text("auth", "secret"); secret && !secret->empty() && secret->size() < kShortestAuthSecret)
            report({"auth", "secret"}, "must be empty or at least 32 characters long");
        checkPluginDirs();
        checkTrustedProxies();
        checkAllowedOrigins();
        checkRealtimeTimes();
        return std::move(issues_);
    }

private:
    std::optional<std::string> text(const std::string& section, const std::string& key) const {
        const nlohmann::json::json_pointer pointer("/" + section + "/" + key);
        if (!values_.contains(pointer) || !values_.at(pointer).is_string()) return std::nullopt;
        return values_.at(pointer).get<std::string>();
    }

    void checkPublicUrl(const std::string& url) {
        if (!startsWithAny(url, {"http://", "https://"})) {
            report({"server", "public_url"}, "must start with http:// or https:// (got " + quoteForMessage(url) + ")");
            return;
        }
        try {
            http::Origin::ofUrl(url);  // WebSockets from pages of public_url's origin are always allowed
        } catch (const std::invalid_argument& e) {
            report({"server", "public_url"}, std::string(e.what()) + " (got " + quoteForMessage(url) + ")");
        }
    }

    void checkPluginDirs() {
        if (!values_.contains("plugin_dirs") || !values_.at("plugin_dirs").is_array()) return;
        const nlohmann::json& dirs = values_.at("plugin_dirs");
        const SourceLocation listLocation = locateValue(root_, {"plugin_dirs"}, file_, {file_, 0, 0});
        const YAML::Node written = root_["plugin_dirs"];
        for (std::size_t index = 0; index < dirs.size(); ++index) {
            if (!dirs.at(index).get<std::string>().empty()) continue;
            const SourceLocation where =
                written.IsSequence() ? locationOf(written[index], file_, listLocation) : listLocation;
            issues_.push_back({where, "plugin_dirs[" + std::to_string(index) + "]", "must not be empty"});
        }
    }

    /// Calls `check` on each entry of the list at /section/key; what it throws becomes an issue at the
    /// entry, followed by `hint`.
    template <typename Check>
    void checkListEntries(const std::string& section, const std::string& key, const std::string& hint, Check check) {
        const nlohmann::json::json_pointer pointer("/" + section + "/" + key);
        if (!values_.contains(pointer) || !values_.at(pointer).is_array()) return;
        const nlohmann::json& entries = values_.at(pointer);
        const SourceLocation listLocation = locateValue(root_, {section, key}, file_, {file_, 0, 0});
        // Indexing a missing section of a const node throws in yaml-cpp: look before going deeper.
        const YAML::Node parent = root_[section];
        const YAML::Node written = parent && parent.IsMap() ? parent[key] : YAML::Node();
        for (std::size_t index = 0; index < entries.size(); ++index) {
            try {
                check(entries.at(index).get<std::string>());
            } catch (const std::invalid_argument& e) {
                const SourceLocation where =
                    written.IsSequence() ? locationOf(written[index], file_, listLocation) : listLocation;
                issues_.push_back({where, section + "." + key + "[" + std::to_string(index) + "]",
                                   std::string(e.what()) + " " + hint});
            }
        }
    }

    void checkTrustedProxies() {
        checkListEntries("server", "trusted_proxies",
                         "(expected an address like 10.0.0.2 or a range like 10.0.0.0/8)",
                         [](const std::string& entry) { util::AddressRange::parse(entry); });
    }

    void checkAllowedOrigins() {
        checkListEntries("server", "allowed_origins",
                         "(write it like https://chat.example.com or http://localhost:3000, or \"*\" for any)",
                         [](const std::string& entry) {
                             if (entry == "*") return;
                             try {
                                 http::Origin::parse(entry);
                             } catch (const std::invalid_argument& e) {
                                 throw std::invalid_argument(quoteForMessage(entry) + " is not an origin: " + e.what());
                             }
                         });
    }

    void checkRealtimeTimes() {
        const nlohmann::json::json_pointer ping("/realtime/ping_interval");
        const nlohmann::json::json_pointer idle("/realtime/idle_timeout");
        if (!values_.contains(ping) || !values_.contains(idle)) return;
        const std::chrono::milliseconds pingInterval(values_.at(ping).get<std::int64_t>());
        const std::chrono::milliseconds idleTimeout(values_.at(idle).get<std::int64_t>());
        // Otherwise a quiet but healthy client is closed before a ping could show it is alive.
        if (idleTimeout <= pingInterval)
            report({"realtime", "idle_timeout"}, "must be longer than realtime.ping_interval (idle_timeout " +
                                                     formatDuration(idleTimeout) + ", ping_interval " +
                                                     formatDuration(pingInterval) + ")");
    }

    void report(const std::vector<std::string>& path, std::string message) {
        std::string keyPath;
        for (const auto& key : path) keyPath = joinKeyPath(keyPath, key);
        issues_.push_back({locateValue(root_, path, file_, {file_, 0, 0}), keyPath, std::move(message)});
    }

    const nlohmann::json& values_;
    const YAML::Node& root_;
    const std::string& file_;
    std::vector<ConfigIssue> issues_;
};

}  // namespace

std::vector<ConfigIssue> checkCoreValues(const nlohmann::json& values, const YAML::Node& root,
                                         const std::string& file) {
    return CoreChecks(values, root, file).run();
}

}  // namespace ocomms::config
