// A real server with the backup-trigger plugin on a fresh database of each backend, an instance admin,
// and direct access to the database and the backup folder, for the plugin's integration tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/ConnectionPool.hpp"
#include "identity/IdentityApiClient.hpp"
#include "support/CapturingLogger.hpp"
#include "support/Eventually.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {

using namespace std::chrono_literals;

class BackupServerFixture : public ::testing::TestWithParam<Dialect> {
protected:
    BackupServerFixture() : database_(TestDatabase::create(GetParam())) {}

    /// Starts (or restarts) the server with the plugin's settings: by default no schedule, keep 3, and the
    /// test's own backup folder; `settings` replaces or adds keys. Registers the admin on the first start,
    /// unless useExistingAdmin() named one; signs in as the admin.
    void startServer(const std::map<std::string, std::string>& settings = {}, const std::string& extraYaml = "");
    /// For a database a test seeded itself: the server is used as this instance admin, already there.
    void useExistingAdmin(const std::string& email, const std::string& password);

    /// POST /api/admin/backups as the admin; the new run's id.
    std::int64_t requestBackup();
    /// Polls the run until it is no longer running (generous timeout); its JSON.
    nlohmann::json waitUntilFinished(std::int64_t id);
    nlohmann::json run(std::int64_t id);
    nlohmann::json health();

    /// The test's own pooled connection to the server's database (after the first start).
    db::ConnectionPool& database();
    /// A running row as another node would hold it, its heartbeat `heartbeatAge` old.
    std::int64_t insertRunningRunOfAnotherNode(std::chrono::seconds heartbeatAge);

    HttpResult call(const std::string& method, const std::string& path, const std::string& token) const;

    const std::filesystem::path& backups() const { return backups_.path(); }

    TestDatabase database_;
    TempDir backups_;
    std::optional<ServerProcess> server_;
    std::optional<IdentityApiClient> api_;
    Account admin_;

private:
    CapturingLogger logger_;
    std::optional<db::ConnectionPool> pool_;
    std::string adminEmail_ = "admin@example.com";
    std::string adminPassword_ = kPassword;
    bool adminExists_ = false;
};

/// The process id of a child of `parent` running `program` (its /proc comm), if there is one.
std::optional<pid_t> childNamed(pid_t parent, const std::string& program);

// ---- inline definitions ----

inline void BackupServerFixture::startServer(const std::map<std::string, std::string>& settings,
                                             const std::string& extraYaml) {
    std::map<std::string, std::string> values = {
        {"every", "disabled"}, {"keep", "3"}, {"dir", "\"" + backups_.path().string() + "\""}};
    for (const auto& [key, value] : settings) values[key] = value;
    ServerOptions options;
    options.databaseUrl = database_.url();
    options.pluginsYaml = "  - name: health\n  - name: backup-trigger\n    settings:\n";
    for (const auto& [key, value] : values) options.pluginsYaml += "      " + key + ": " + value + "\n";
    options.extraYaml = extraYaml;
    server_.reset();
    server_.emplace(options);
    server_->start();
    api_.emplace(server_->port());
    if (adminExists_) {
        admin_ = api_->login(adminEmail_, adminPassword_);
    } else {
        admin_ = api_->registerFirstUser(adminEmail_, "acme");
        adminExists_ = true;
    }
}

inline void BackupServerFixture::useExistingAdmin(const std::string& email, const std::string& password) {
    adminEmail_ = email;
    adminPassword_ = password;
    adminExists_ = true;
}

inline HttpResult BackupServerFixture::call(const std::string& method, const std::string& path,
                                            const std::string& token) const {
    return api_->call(method, path, nullptr, token);
}

inline std::int64_t BackupServerFixture::requestBackup() {
    const auto r = call("POST", "/api/admin/backups", admin_.token);
    if (r.status != 202)
        throw std::runtime_error("POST /api/admin/backups: " + std::to_string(r.status) + " " + r.body);
    return jsonOf(r)["id"].get<std::int64_t>();
}

inline nlohmann::json BackupServerFixture::run(std::int64_t id) {
    const auto r = call("GET", "/api/admin/backups/" + std::to_string(id), admin_.token);
    if (r.status != 200) throw std::runtime_error("GET backup " + std::to_string(id) + ": " + r.body);
    return jsonOf(r);
}

inline nlohmann::json BackupServerFixture::waitUntilFinished(std::int64_t id) {
    nlohmann::json last;
    const bool finished = eventually(
        [&] {
            last = run(id);
            return last["status"] != "running";
        },
        120s, 50ms);
    if (!finished) throw std::runtime_error("backup " + std::to_string(id) + " still runs: " + server_->output());
    return last;
}

inline nlohmann::json BackupServerFixture::health() { return jsonOf(server_->get("/api/health")); }

inline db::ConnectionPool& BackupServerFixture::database() {
    if (!pool_) {
        pool_.emplace(db::parseDatabaseUrl(database_.url()), 2, 30s, logger_);
        pool_->open(10s);
    }
    return *pool_;
}

inline std::int64_t BackupServerFixture::insertRunningRunOfAnotherNode(std::chrono::seconds heartbeatAge) {
    const auto now = std::chrono::system_clock::now();
    const long long started = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const long long heartbeat = started - std::chrono::milliseconds(heartbeatAge).count();
    long long id = 0;
    *database().session()
        << "INSERT INTO backup_runs (status, trigger_kind, node, started_at, started_ms, heartbeat_ms)"
           " VALUES ('running', 'manual', 'other-node', '2026-01-28T03:00:00.000Z', :started,"
           " :heartbeat) RETURNING id",
        soci::use(started), soci::use(heartbeat), soci::into(id);
    return id;
}

inline std::optional<pid_t> childNamed(pid_t parent, const std::string& program) {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so split at the last ')'.
        const auto open = line.find('('), close = line.rfind(')');
        if (open == std::string::npos || close == std::string::npos) continue;
        char state = 0;
        long ppid = 0;
        std::istringstream rest(line.substr(close + 1));
        rest >> state >> ppid;
        if (ppid == parent && line.substr(open + 1, close - open - 1) == program)
            return static_cast<pid_t>(std::stol(line.substr(0, open)));
    }
    return std::nullopt;
}

}  // namespace ocomms::test
