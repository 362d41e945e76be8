-- Every backup this instance ran or is running, from any node. Times are ISO-8601 UTC text for people and
-- epoch milliseconds for comparisons (heartbeats, schedule slots).
CREATE TABLE backup_runs (
    id             BIGSERIAL PRIMARY KEY,
    status         TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    trigger_kind   TEXT NOT NULL CHECK (trigger_kind IN ('manual', 'schedule')),
    scheduled_for  BIGINT,
    requested_by   BIGINT,
    node           TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    started_ms     BIGINT NOT NULL,
    heartbeat_ms   BIGINT NOT NULL,
    finished_at    TEXT,
    file_name      TEXT,
    size_bytes     BIGINT,
    sha256         TEXT,
    verified       SMALLINT NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    error          TEXT,
    removed_at     TEXT
);
-- One backup at a time across every node that shares this database.
CREATE UNIQUE INDEX backup_runs_one_running ON backup_runs (status) WHERE status = 'running';
CREATE INDEX backup_runs_scheduled_for ON backup_runs (scheduled_for);
