// After a dropped connection the client resubscribes after its last seq and sends its unacknowledged
// messages again with the same client_id: nothing is lost, nothing shown twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealtimeSocket } from '../../plugins/chat/web/lib/socket.js';
import { Outbox } from '../../plugins/chat/web/lib/outbox.js';
import { timeline } from '../../plugins/chat/web/lib/timeline.js';
import { Sender } from '../../plugins/chat/web/chat/sender.js';
import { Sync } from '../../plugins/chat/web/chat/sync.js';
import { Workspace } from '../../plugins/chat/web/chat/workspace.js';
import { FakeServer, FakeTimers, settle } from './fakes.mjs';

const ME = { id: 1, display_name: 'Ann', email: 'ann@example.com' };
const BOB = { id: 2, display_name: 'Bob', email: 'bob@example.com' };
const general = { id: 7, org_id: 3, name: 'general', kind: 'public', last_seq: 10, last_read_seq: 10, unread: 0, mentions: 0, is_member: true };
const message = (seq, fields) => ({
  id: 100 + seq, channel_id: 7, seq, author_id: BOB.id, text: `m${seq}`, client_id: null, parent_id: null,
  created_at: '2026-03-01T12:00:00.000Z', edited_at: null, deleted: false, reply_count: 0, reactions: [], mentions: [], ...fields,
});

function setUp() {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const socket = new RealtimeSocket({
    url: 'ws://test/api/ws', WebSocketImpl: server.WebSocket, checkSession: async () => 'signed-in',
    timers, random: () => 0, now: () => timers.now,
  });
  let n = 0;
  const outbox = new Outbox({ newClientId: () => `c-${++n}` });
  const lists = [];
  const chatApi = {
    listChannels: async () => lists.shift() ?? { channels: [general] },
    presence: async () => ({ members: [] }),
    history: async () => ({ messages: [], has_more: false }),
  };
  const workspace = new Workspace({ me: ME, org: { id: 3, slug: 'acme', name: 'Acme', role: 'member' }, members: [ME, BOB], channels: [general], chatApi, outbox });
  const sender = new Sender(socket, outbox);
  const sync = new Sync(socket, sender);
  sync.setWorkspace(workspace);
  socket.start();
  return { server, timers, socket, outbox, workspace, sender, lists };
}

const shown = (workspace, outbox) => timeline(workspace.log(7).topLevel(), outbox.forChannel(7));

test('subscribing after the list starts at its last seq', () => {
  const { server } = setUp();
  server.last.hello();
  assert.deepEqual(server.last.sent.map((f) => [f.type, f.channel_id, f.after_seq]), [['subscribe', 7, 10]]);
});

test('a message whose ack was lost with the connection is sent again, once, and shown once', async () => {
  const { server, timers, outbox, workspace, sender } = setUp();
  server.last.hello();
  server.last.answer('subscribe', 'subscribed', { channel_id: 7, last_seq: 10 });
  await settle();

  sender.send({ channelId: 7, text: 'hello', authorId: ME.id });
  const first = server.last.sent.find((f) => f.type === 'message.send');
  assert.equal(first.client_id, 'c-1');
  assert.equal(shown(workspace, outbox)[0].entry.status, 'pending');

  // The server stored it as seq 11, and Bob posted seq 12, but the connection dropped before the ack.
  server.last.drop(1012);
  await settle();
  assert.equal(outbox.get('c-1').status, 'pending');
  timers.advance(30000);
  const second = server.last;
  second.hello();
  const frames = second.sent.map((f) => [f.type, f.after_seq ?? f.client_id]);
  assert.deepEqual(frames, [['subscribe', 10], ['message.send', 'c-1']], 'resubscribe first, then the same client_id');

  // The backlog holds both messages; the retried send is answered with the same ack.
  second.push({ type: 'message.created', message: message(11, { author_id: ME.id, client_id: 'c-1', text: 'hello' }) });
  second.push({ type: 'message.created', message: message(12) });
  second.answer('subscribe', 'subscribed', { channel_id: 7, last_seq: 12 });
  second.answer('message.send', 'ack', { client_id: 'c-1', message_id: 111, seq: 11 });
  await settle();

  const items = shown(workspace, outbox);
  assert.deepEqual(items.map((i) => i.message?.seq), [11, 12]);
  assert.equal(outbox.entries.size, 0);
  assert.equal(workspace.channels.get(7).unread, 1, "only Bob's message is unread");
  assert.equal(workspace.channels.get(7).resumeSeq, 12);
  const sends = server.sockets.flatMap((s) => s.sent).filter((f) => f.type === 'message.send');
  assert.equal(sends.length, 2);
});

test('a refused message is failed, not resent by reconnection; Retry sends the same client_id', async () => {
  const { server, timers, outbox, sender } = setUp();
  server.last.hello();
  sender.send({ channelId: 7, text: 'too long', authorId: ME.id });
  server.last.answer('message.send', 'error', { code: 'message_too_large', message: 'text: 9 bytes, at most 8' });
  await settle();
  assert.equal(outbox.get('c-1').status, 'failed');
  assert.equal(outbox.get('c-1').error, 'text: 9 bytes, at most 8');
  server.last.drop(1012);
  await settle();
  timers.advance(30000);
  server.last.hello();
  assert.equal(server.last.sent.filter((f) => f.type === 'message.send').length, 0);
  sender.retry('c-1');
  assert.deepEqual(server.last.sent.filter((f) => f.type === 'message.send').map((f) => f.client_id), ['c-1']);
});

test('messages sent while disconnected go out after the resubscription, in order', async () => {
  const { server, timers, sender } = setUp();
  server.last.hello();
  server.last.drop(1006);
  await settle();
  sender.send({ channelId: 7, text: 'one', authorId: ME.id });
  sender.send({ channelId: 7, text: 'two', authorId: ME.id });
  timers.advance(30000);
  server.last.hello();
  assert.deepEqual(server.last.sent.map((f) => f.text ?? f.type), ['subscribe', 'one', 'two']);
});

test('events arriving out of order are shown by seq and the resume point waits for the gap', async () => {
  const { server, workspace, outbox } = setUp();
  server.last.hello();
  server.last.push({ type: 'message.created', message: message(13) });
  server.last.push({ type: 'message.created', message: message(11) });
  assert.deepEqual(shown(workspace, outbox).map((i) => i.message.seq), [11, 13]);
  assert.equal(workspace.channels.get(7).resumeSeq, 11);
  server.last.push({ type: 'message.created', message: message(12) });
  assert.equal(workspace.channels.get(7).resumeSeq, 13);
  assert.equal(workspace.channels.get(7).unread, 3);
});

test('after a reconnection the channel list is reloaded once the backlog is in', async () => {
  const { server, timers, workspace, lists } = setUp();
  server.last.hello();
  server.last.drop(1012);
  await settle();
  lists.push({ channels: [{ ...general, last_seq: 12, unread: 0, last_read_seq: 12 }] });
  timers.advance(30000);
  server.last.hello();
  server.last.push({ type: 'message.created', message: message(11) });
  server.last.push({ type: 'message.created', message: message(12) });
  assert.equal(workspace.channels.get(7).unread, 2);
  server.last.answer('subscribe', 'subscribed', { channel_id: 7, last_seq: 12 });
  await settle();
  assert.equal(workspace.channels.get(7).unread, 0, 'read on another device meanwhile: the list says so');
});
