// The HTTP API, for instance administrators only:
//   POST /api/admin/backups              start a backup: 202 with the run; 409 backup_running
//   GET  /api/admin/backups[?limit=N]    the newest runs first (limit 1 .. 500, default 50)
//   GET  /api/admin/backups/{id}         one run; 404 backup_not_found
//   POST /api/admin/backups/{id}/verify  check its file again (checksum, then pg_restore --list or
//                                        integrity_check): 200 with the run, `verified` saying the outcome
#pragma once

#include <nlohmann/json.hpp>
#include <ocomms/http.hpp>

#include "BackupRun.hpp"
#include "BackupRunner.hpp"
#include "BackupWorker.hpp"
#include "RunStore.hpp"

namespace ocomms::backup {

nlohmann::json runJson(const BackupRun& run);

void addBackupRoutes(http::Router& router, BackupWorker& worker, RunStore& store, BackupRunner& runner);

}  // namespace ocomms::backup
