-- Accounts, organizations, memberships, sessions and invites. Flags are INTEGER 0/1 and times ISO-8601 UTC
-- text, except expiries, which are epoch seconds so that they compare as numbers.
CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    email                TEXT NOT NULL,
    email_normalized     TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    instance_admin       INTEGER NOT NULL DEFAULT 0 CHECK (instance_admin IN (0, 1)),
    must_reset_password  INTEGER NOT NULL DEFAULT 0 CHECK (must_reset_password IN (0, 1)),
    created_at           TEXT NOT NULL,
    deactivated_at       TEXT
);

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE memberships (
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id),
    role             TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_id ON memberships (user_id);

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE invites (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token_hash       TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_by       INTEGER NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    expires_at       INTEGER NOT NULL,
    accepted_at      TEXT,
    accepted_by      INTEGER REFERENCES users (id)
);
