-- Seeds the organization `ocomms admin create-org` made (id 1, owned by user 1) with :messages messages in
-- one transaction, for tests/bench/export.sh. Written for both backends: the caller replaces
-- :messages with the count, and runs it with sqlite3 or psql. Ids are assigned in insertion order on a
-- fresh database, which the parent ids below rely on.
--   20 more users (2..21), all members; 10 public channels with every user in each;
--   message n (0-based) goes to channel n % 10 + 1 as its (n / 10 + 1)th, by user n % 21 + 1;
--   every fifth of a channel's messages replies to the one 40 messages earlier (same channel, a thread's
--   first message); a reaction on every third message, a mention on every twentieth.
BEGIN;

WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 21)
INSERT INTO users (email, email_normalized, display_name, password_hash, created_at)
SELECT 'user' || i || '@bench.test', 'user' || i || '@bench.test', 'User ' || i, '!', '2026-01-01T00:00:00.000Z' FROM n;

INSERT INTO memberships (organization_id, user_id, role, created_at)
SELECT 1, id, 'member', '2026-01-01T00:00:00.000Z' FROM users WHERE id > 1;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
INSERT INTO chat_channels (organization_id, kind, name, created_by, created_at)
SELECT 1, 'public', 'channel-' || i, 1, '2026-01-01T00:00:00.000Z' FROM n;

INSERT INTO chat_channel_members (channel_id, user_id, role, last_read_seq, joined_at)
SELECT c.id, u.id, CASE WHEN u.id = 1 THEN 'admin' ELSE 'member' END, 0, '2026-01-01T00:00:00.000Z'
FROM chat_channels c CROSS JOIN users u;

WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :messages - 1)
INSERT INTO chat_messages (channel_id, seq, author_id, text, parent_id, created_at)
SELECT i % 10 + 1, i / 10 + 1, i % 21 + 1,
       'benchmark message ' || i || ' with a few more words to export and to index',
       CASE WHEN (i / 10) % 5 = 4 AND i >= 40 THEN i - 40 + 1 END,
       '2026-01-01T00:00:00.000Z'
FROM n;

INSERT INTO chat_reactions (message_id, emoji, user_id, created_at)
SELECT id, '👍', id % 21 + 1, created_at FROM chat_messages WHERE id % 3 = 0;

INSERT INTO chat_mentions (message_id, user_id)
SELECT id, (id + 1) % 21 + 1 FROM chat_messages WHERE id % 20 = 0;

UPDATE chat_channels SET last_seq = (SELECT MAX(seq) FROM chat_messages m WHERE m.channel_id = chat_channels.id);

COMMIT;
