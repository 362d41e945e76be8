#include "BackupRoutes.hpp"

#include <charconv>

#include "IsoTime.hpp"

namespace ocomms::backup {
namespace {

using http::Access;
using http::HttpError;
using http::Method;
using http::Request;
using http::Response;

constexpr int kDefaultLimit = 50;
constexpr int kLargestLimit = 500;

template <typename T>
nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<long long> positiveNumber(const std::string& text) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

int limitOf(const Request& request) {
    const auto text = request.queryValue("limit");
    if (!text) return kDefaultLimit;
    const auto limit = positiveNumber(*text);
    if (!limit || *limit > kLargestLimit) {
        throw HttpError(
            400, "invalid_query",
            "limit must be a whole number from 1 to " + std::to_string(kLargestLimit) + ", not '" + *text + "'");
    }
    return static_cast<int>(*limit);
}

BackupRun runOf(RunStore& store, const Request& request) {
    const std::string& text = request.param("id");
    const auto id = positiveNumber(text);
    auto run = id ? store.find(*id) : std::nullopt;
    if (!run) throw HttpError(404, "backup_not_found", "no backup with id '" + text + "'");
    return std::move(*run);
}

std::string describeRunning(const BackupRun& run) {
    return "backup #" + std::to_string(run.id) + " is running (started " + run.startedAt + " on node " + run.node +
           "); try again when it has finished";
}

void checkVerifiable(const BackupRun& run) {
    const std::string label = "backup #" + std::to_string(run.id);
    if (run.status != RunStatus::Ok) {
        throw HttpError(409, "backup_not_verifiable",
                        label + " is " + toString(run.status) + ": only a backup that finished ok can be verified");
    }
    if (run.removedAt)
        throw HttpError(409, "backup_file_removed", label + "'s file was removed by retention at " + *run.removedAt);
}

}  // namespace

nlohmann::json runJson(const BackupRun& run) {
    return {{"id", run.id},
            {"status", toString(run.status)},
            {"trigger", toString(run.trigger)},
            {"node", run.node},
            {"started_at", run.startedAt},
            {"finished_at", orNull(run.finishedAt)},
            {"scheduled_for", run.scheduledForMs ? nlohmann::json(isoUtc(fromEpochMs(*run.scheduledForMs))) : nullptr},
            {"requested_by", orNull(run.requestedBy)},
            {"file", orNull(run.fileName)},
            {"size", orNull(run.sizeBytes)},
            {"sha256", orNull(run.sha256)},
            {"verified", run.verified},
            {"error", orNull(run.error)},
            {"removed_at", orNull(run.removedAt)}};
}

void addBackupRoutes(http::Router& router, BackupWorker& worker, RunStore& store, BackupRunner& runner) {
    router.add(Method::Post, "/api/admin/backups", Access::InstanceAdmin, [&worker](const Request& request) {
        ClaimOutcome outcome;
        try {
            outcome = worker.requestBackup(request.caller->user.id);
        } catch (const WorkerStopping& e) {
            throw HttpError(503, "shutting_down", e.what());
        }
        if (const auto* busy = std::get_if<Busy>(&outcome))
            throw HttpError(409, "backup_running", describeRunning(busy->running));
        const BackupRun& run = std::get<Claimed>(outcome).run;
        return Response::json(runJson(run), 202).header("Location", "/api/admin/backups/" + std::to_string(run.id));
    });
    router.add(Method::Get, "/api/admin/backups", Access::InstanceAdmin, [&store](const Request& request) {
        nlohmann::json runs = nlohmann::json::array();
        for (const auto& run : store.list(limitOf(request))) runs.push_back(runJson(run));
        return Response::json({{"backups", runs}});
    });
    router.add(Method::Get, "/api/admin/backups/{id}", Access::InstanceAdmin,
               [&store](const Request& request) { return Response::json(runJson(runOf(store, request))); });
    router.add(Method::Post, "/api/admin/backups/{id}/verify", Access::InstanceAdmin,
               [&store, &runner](const Request& request) {
                   const BackupRun run = runOf(store, request);
                   checkVerifiable(run);
                   try {
                       runner.verify(run);
                   } catch (const BackupFileMissing& e) {
                       throw HttpError(409, "backup_file_missing", e.what());
                   }
                   return Response::json(runJson(runOf(store, request)));
               });
}

}  // namespace ocomms::backup
