-- Accounts, organizations, memberships, sessions and invites. Flags are SMALLINT 0/1 (simpler to bind
-- through SOCI than BOOLEAN) and times ISO-8601 UTC text, except expiries, which are epoch seconds.
CREATE TABLE users (
    id                   BIGSERIAL PRIMARY KEY,
    email                TEXT NOT NULL,
    email_normalized     TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    instance_admin       SMALLINT NOT NULL DEFAULT 0 CHECK (instance_admin IN (0, 1)),
    must_reset_password  SMALLINT NOT NULL DEFAULT 0 CHECK (must_reset_password IN (0, 1)),
    created_at           TEXT NOT NULL,
    deactivated_at       TEXT
);

CREATE TABLE organizations (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE memberships (
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES users (id),
    role             TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_id ON memberships (user_id);

CREATE TABLE sessions (
    id            BIGSERIAL PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       BIGINT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NOT NULL,
    expires_at    BIGINT NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE invites (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token_hash       TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_by       BIGINT NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    expires_at       BIGINT NOT NULL,
    accepted_at      TEXT,
    accepted_by      BIGINT REFERENCES users (id)
);
