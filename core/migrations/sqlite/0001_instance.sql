-- One row describing this installation: a stable id (for exports and logs) and when it was created.
CREATE TABLE instance (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);
INSERT INTO instance (id, created_at)
VALUES (lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
