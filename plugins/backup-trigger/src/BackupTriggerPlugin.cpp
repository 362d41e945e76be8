// The `backup-trigger` plugin: backups of the whole database on request and on a schedule, one at a time
// across every node sharing the database, checked, checksummed and pruned; the `backup` health check.
#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>

#include <unistd.h>

#include <ocomms/ocomms.hpp>

#include "BackupHealth.hpp"
#include "BackupRoutes.hpp"
#include "BackupRunner.hpp"
#include "BackupSettings.hpp"
#include "BackupWorker.hpp"
#include "DatabaseCopier.hpp"
#include "RunStore.hpp"

namespace ocomms::backup {
namespace {

// Ten heartbeats may be missed before other nodes take a backup for dead; generous, as node clocks differ.
constexpr std::chrono::milliseconds kHeartbeatInterval = std::chrono::seconds(10);
constexpr std::chrono::milliseconds kDeadAfter = std::chrono::seconds(100);

/// "<host>-<pid>-<random>": which node runs a backup, unique per start.
std::string nodeName() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    std::random_device random;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%06x", random() & 0xffffffU);
    return std::string(host[0] != '\0' ? host : "node") + "-" + std::to_string(getpid()) + "-" + suffix;
}

/// Only `ocomms serve` has a realtime hub. Other commands that start plugins must not take backups.
bool serving(HostContext& host) {
    try {
        host.realtime();
        return true;
    } catch (const std::logic_error&) {
        return false;
    }
}

class BackupTriggerPlugin final : public Plugin {
public:
    SettingsSchema settingsSchema() const override { return backupSettingsSchema(); }

    void configure(const Settings& settings) override { settings_ = parseBackupSettings(settings); }

    void start(HostContext& host) override {
        if (!serving(host)) return;
        Database& database = host.database();
        Logger& logger = host.logger();
        const auto dir = resolveBackupDir(settings_.dir, host.info().dataDir);
        store_ = std::make_unique<RunStore>(database, kDeadAfter);
        copier_ = copierFor(database, settings_.pgBinDir);
        runner_ = std::make_unique<BackupRunner>(*store_, *copier_, dir, settings_.keep, logger);
        health_ = std::make_unique<BackupHealth>(*store_, settings_.schedule, Clock::now());
        worker_ = std::make_unique<BackupWorker>(*store_, *runner_, *health_, settings_.schedule, nodeName(),
                                                 WorkerTiming{kHeartbeatInterval}, logger);

        addBackupRoutes(host.router(), *worker_, *store_, *runner_);
        host.health().add("backup", [health = health_.get()] { return health->check(); });
        worker_->start();
        logger.info("backups go to " + dir.string() + ", keeping " + std::to_string(settings_.keep) + "; " +
                    (settings_.schedule ? "scheduled every " + describeDuration(settings_.schedule->every) +
                                              (settings_.schedule->at ? " at a fixed time of day (UTC)" : "")
                                        : std::string("no schedule (on request only)")));
    }

    void stop() override {
        if (worker_) worker_->stop();
    }

private:
    BackupSettings settings_;
    std::unique_ptr<RunStore> store_;
    std::unique_ptr<DatabaseCopier> copier_;
    std::unique_ptr<BackupRunner> runner_;
    std::unique_ptr<BackupHealth> health_;
    std::unique_ptr<BackupWorker> worker_;
};

}  // namespace
}  // namespace ocomms::backup

OCOMMS_PLUGIN(ocomms::backup::BackupTriggerPlugin, "backup-trigger", OCOMMS_VERSION_STRING)
