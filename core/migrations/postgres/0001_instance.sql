-- One row describing this installation: a stable id (for exports and logs) and when it was created.
CREATE TABLE instance (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);
INSERT INTO instance (id, created_at)
VALUES (md5(random()::text || clock_timestamp()::text),
        to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
