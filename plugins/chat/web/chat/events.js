// Applies the server's events (docs/protocol.md, "Server events") to a Workspace. Events of other
// organizations (the connection hears all of the user's) and of channels not known here are ignored.

/**
 * @param {import('./workspace.js').Workspace} ws
 * @param {object} frame an event frame
 * @param {number} now ms, for typing
 */
export function applyEvent(ws, frame, now = Date.now()) {
  const handler = HANDLERS[frame.type];
  if (handler) handler(ws, frame, now);
}

const HANDLERS = {
  'message.created'(ws, { message }) {
    if (!ws.channels.has(message.channel_id)) return;
    ws.typing.stopped(message.channel_id, message.author_id);
    ws.ingest([message]);
    ws.emit('typing', { channelId: message.channel_id });
  },

  'message.updated'(ws, { message }) {
    mergeIfHeld(ws, message);
  },

  'message.deleted'(ws, { message }) {
    ws.channels.get(message.channel_id)?.deleted(message);
    mergeIfHeld(ws, message);
  },

  'reaction.added'(ws, frame) {
    react(ws, frame, true);
  },

  'reaction.removed'(ws, frame) {
    react(ws, frame, false);
  },

  typing(ws, { channel_id: channelId, user_id: userId }, now) {
    if (userId === ws.me.id || !ws.channels.has(channelId)) return;
    ws.typing.seen(channelId, userId, now);
    ws.emit('typing', { channelId });
  },

  'channel.created'(ws, { channel }) {
    if (channel.org_id !== ws.org.id || ws.channels.has(channel.id)) return;
    // Public channels are announced to the whole organization; private and direct ones only to members.
    const isMember = channel.kind !== 'public' || channel.created_by === ws.me.id;
    ws.upsertChannel({ unread: 0, mentions: 0, last_read_seq: 0, ...channel, is_member: isMember });
    ws.emit('channels');
  },

  'channel.updated'(ws, { channel }) {
    if (!ws.channels.has(channel.id)) return;
    ws.upsertChannel(channel);
    ws.emit('channels');
  },

  'channel.member_added'(ws, { channel_id: channelId, user_id: userId, channel }) {
    if (userId !== ws.me.id) return;
    const known = ws.channels.get(channelId);
    if (channel && channel.org_id !== ws.org.id) return;
    if (!known && !channel) return;
    ws.upsertChannel({ ...(channel ?? known.channel), is_member: true });
    ws.emit('channels');
    ws.emit('joined', { channelId, byOther: true });
  },

  'channel.member_removed'(ws, { channel_id: channelId, user_id: userId }) {
    if (userId === ws.me.id) ws.left(channelId);
  },

  'read.updated'(ws, { channel_id: channelId, last_read_seq: seq }) {
    ws.readMoved(channelId, seq);
  },

  'presence.changed'(ws, { user_id: userId, status }) {
    if (!ws.members.has(userId)) ws.emit('unknown-member');
    ws.presence.set(userId, status);
    ws.emit('presence');
  },
};

function mergeIfHeld(ws, message) {
  const log = ws.logs.get(message.channel_id);
  if (!log?.get(message.id)) return;
  log.merge(message);
  ws.emit('messages', { channelId: message.channel_id });
}

function react(ws, frame, added) {
  const log = ws.logs.get(frame.channel_id);
  if (log?.react(frame, added)) ws.emit('messages', { channelId: frame.channel_id });
}
