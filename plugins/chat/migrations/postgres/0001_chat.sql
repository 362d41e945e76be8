-- Channels, their members with read markers, messages with per-channel sequence numbers, reactions,
-- mentions, and the full-text index of message text. Times are ISO-8601 UTC text with milliseconds.
CREATE TABLE chat_channels (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('public', 'private', 'direct')),
    name             TEXT,
    topic            TEXT,
    -- Direct channels only: the sorted member ids ("3,7,12"), so that one member set has one channel.
    direct_key       TEXT,
    created_by       BIGINT NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    archived_at      TEXT,
    -- The sequence number of the channel's newest message; incremented with each insert.
    last_seq         BIGINT NOT NULL DEFAULT 0,
    UNIQUE (organization_id, direct_key)
);
CREATE INDEX chat_channels_organization ON chat_channels (organization_id);

CREATE TABLE chat_channel_members (
    channel_id     BIGINT NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL REFERENCES users (id),
    role           TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    last_read_seq  BIGINT NOT NULL DEFAULT 0,
    joined_at      TEXT NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX chat_channel_members_user ON chat_channel_members (user_id);

CREATE TABLE chat_messages (
    id             BIGSERIAL PRIMARY KEY,
    channel_id     BIGINT NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
    seq            BIGINT NOT NULL,
    author_id      BIGINT NOT NULL REFERENCES users (id),
    text           TEXT NOT NULL,
    client_id      TEXT,
    parent_id      BIGINT REFERENCES chat_messages (id),
    reply_count    BIGINT NOT NULL DEFAULT 0,
    last_reply_at  TEXT,
    created_at     TEXT NOT NULL,
    edited_at      TEXT,
    deleted_at     TEXT,
    UNIQUE (channel_id, seq),
    UNIQUE (author_id, client_id)
);
CREATE INDEX chat_messages_parent ON chat_messages (parent_id) WHERE parent_id IS NOT NULL;
-- Full-text search with the 'simple' configuration: no stemming or stop words, as in SQLite's index.
CREATE INDEX chat_messages_search ON chat_messages USING GIN (to_tsvector('simple', text));

CREATE TABLE chat_reactions (
    message_id  BIGINT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
    emoji       TEXT NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);

CREATE TABLE chat_mentions (
    message_id  BIGINT NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX chat_mentions_user ON chat_mentions (user_id, message_id);
