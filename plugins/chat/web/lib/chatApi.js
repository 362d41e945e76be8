// The chat plugin's actions (plugins/chat/README.md). Each goes over the WebSocket when it is open and
// over REST otherwise: the answer is the same JSON either way (docs/protocol.md), so the client keeps
// working while the WebSocket reconnects. Sending messages is not here: it needs the WebSocket's ack
// (see sender.js).

const enc = encodeURIComponent;

function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null);
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${enc(v)}`).join('&')}` : '';
}

/**
 * @param {import('./socket.js').RealtimeSocket} socket
 * @param {ReturnType<import('./api.js').createApi>} api
 */
export function createChatApi(socket, api) {
  const either = (type, fields, rest) => (socket.state === 'open' ? socket.request(type, fields) : rest());

  return {
    listChannels: (org) => either('channels.list', { org }, () => api.get(`/api/orgs/${enc(org)}/channels`)),
    getChannel: (id) => either('channel.get', { channel_id: id }, () => api.get(`/api/channels/${id}`)),
    createChannel: (org, { name, kind, members, topic }) =>
      either('channel.create', { org, name, kind, members, topic }, () =>
        api.post(`/api/orgs/${enc(org)}/channels`, { name, kind, members, topic })),
    updateChannel: (id, change) =>
      either('channel.update', { channel_id: id, ...change }, () => api.patch(`/api/channels/${id}`, change)),
    join: (id) => either('channel.join', { channel_id: id }, () => api.post(`/api/channels/${id}/join`)),
    leave: (id) => either('channel.leave', { channel_id: id }, () => api.post(`/api/channels/${id}/leave`)),
    history: (id, { before, after, limit }) =>
      either('messages.history', { channel_id: id, before, after, limit }, () =>
        api.get(`/api/channels/${id}/messages${query({ before, after, limit })}`)),
    thread: (messageId) => either('thread.get', { message_id: messageId }, () => api.get(`/api/messages/${messageId}/thread`)),
    edit: (messageId, text) =>
      either('message.edit', { message_id: messageId, text }, () => api.patch(`/api/messages/${messageId}`, { text })),
    remove: (messageId) => either('message.delete', { message_id: messageId }, () => api.delete(`/api/messages/${messageId}`)),
    react: (messageId, emoji) =>
      either('reaction.add', { message_id: messageId, emoji }, () =>
        api.put(`/api/messages/${messageId}/reactions/${enc(emoji)}`)),
    unreact: (messageId, emoji) =>
      either('reaction.remove', { message_id: messageId, emoji }, () =>
        api.delete(`/api/messages/${messageId}/reactions/${enc(emoji)}`)),
    markRead: (id, seq) => either('read.mark', { channel_id: id, seq }, () => api.post(`/api/channels/${id}/read`, { seq })),
    presence: (org) => either('presence.get', { org }, () => api.get(`/api/orgs/${enc(org)}/presence`)),
    search: (org, q) => either('search', { org, q }, () => api.get(`/api/orgs/${enc(org)}/search${query({ q })}`)),
  };
}
