// The realtime connection: answers matched to requests by ref, reconnection with backoff, the end of
// the session on a refused handshake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealtimeSocket, STABLE_CONNECTION_MS } from '../../plugins/chat/web/lib/socket.js';
import { FakeServer, FakeTimers, settle } from './fakes.mjs';

function connect({ session = 'signed-in', random = () => 0 } = {}) {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const socket = new RealtimeSocket({
    url: 'ws://test/api/ws',
    WebSocketImpl: server.WebSocket,
    checkSession: async () => session,
    timers,
    random,
    now: () => timers.now,
  });
  const states = [];
  socket.on('state', (s) => states.push(s));
  socket.start();
  return { server, timers, socket, states };
}

test('requests wait for hello, then answers find their requests by ref', async () => {
  const { server, socket } = connect();
  await assert.rejects(socket.request('channels.list', { org: 'a' }), { code: 'not_connected' });
  server.last.hello();
  assert.equal(socket.state, 'open');
  const first = socket.request('channels.list', { org: 'a' });
  const second = socket.request('subscribe', { channel_id: 4, after_seq: 0 });
  const [listFrame, subscribeFrame] = server.last.sent;
  assert.notEqual(listFrame.ref, subscribeFrame.ref);
  server.last.push({ type: 'message.created', message: { id: 1 } }); // an event: no ref, not an answer
  server.last.push({ type: 'subscribed', ref: subscribeFrame.ref, channel_id: 4, last_seq: 9 });
  server.last.push({ type: 'result', ref: listFrame.ref, data: { channels: [] } });
  assert.deepEqual(await first, { channels: [] });
  assert.equal((await second).last_seq, 9);
});

test('an error frame rejects its request with the server code and message', async () => {
  const { server, socket } = connect();
  server.last.hello();
  const request = socket.request('message.send', { channel_id: 1, text: 'x', client_id: 'c' });
  server.last.answer('message.send', 'error', { code: 'not_a_member', message: 'not a member of channel 1' });
  await assert.rejects(request, { code: 'not_a_member', message: 'not a member of channel 1' });
});

test('events reach listeners; frames that are not JSON are ignored', () => {
  const { server, socket } = connect();
  const events = [];
  socket.on('event', (e) => events.push(e.type));
  server.last.hello();
  server.last.onmessage({ data: 'not json' });
  server.last.push({ type: 'typing', channel_id: 1, user_id: 2 });
  assert.deepEqual(events, ['typing']);
});

test('a lost connection fails its requests and reconnects after 0.5 s, then 1 s, 2 s...', async () => {
  const { server, socket, timers, states } = connect();
  server.last.hello();
  const request = socket.request('thread.get', { message_id: 1 });
  server.last.drop(1012);
  await assert.rejects(request, { code: 'connection_lost' });
  assert.equal(socket.state, 'reconnecting');
  await settle();
  for (const expected of [250, 500, 1000, 2000]) {
    // random() = 0: the lowest delay, half of each ceiling
    assert.equal(timers.delays[timers.delays.length - 1], expected);
    const before = server.sockets.length;
    timers.advance(expected);
    assert.equal(server.sockets.length, before + 1, 'a new connection attempt');
    server.last.drop(1006); // the server is still down
    await settle();
  }
  assert.deepEqual(states.slice(0, 3), ['connecting', 'open', 'reconnecting']);
});

test('a connection that stayed up resets the backoff; one that closes at once does not', async () => {
  const { server, timers } = connect();
  server.last.hello();
  server.last.drop(1013);
  await settle();
  timers.advance(250);
  server.last.hello();
  server.last.drop(1013); // closed again at once
  await settle();
  assert.equal(timers.delays.at(-1), 500, 'still backing off');
  timers.advance(500);
  server.last.hello();
  timers.advance(STABLE_CONNECTION_MS);
  server.last.drop(1001);
  await settle();
  assert.equal(timers.delays.at(-1), 250, 'back to the first delay');
});

test('hello tells whether the connection is a resumption', () => {
  const { server, timers, socket } = connect();
  const hellos = [];
  socket.on('hello', (h) => hellos.push([h.connection, h.resumed]));
  server.last.hello();
  server.last.drop(1012);
  return settle().then(() => {
    timers.advance(30000);
    server.last.hello();
    assert.deepEqual(hellos, [[1, false], [2, true]]);
  });
});

test('a refused handshake of a signed-out user ends the session instead of retrying', async () => {
  const { server, socket, timers } = connect({ session: 'signed-out' });
  let ended = false;
  socket.on('unauthenticated', () => { ended = true; });
  server.last.drop(1006); // closed before hello: the upgrade answered 401
  await settle();
  assert.equal(ended, true);
  assert.equal(socket.state, 'idle');
  timers.advance(60000);
  assert.equal(server.sockets.length, 1, 'no further attempts');
});

test('a refused handshake while still signed in (server down) keeps retrying', async () => {
  const { server, timers } = connect({ session: 'unknown' });
  server.last.drop(1006);
  await settle();
  timers.advance(30000);
  assert.equal(server.sockets.length, 2);
});

test('stop() closes for good', async () => {
  const { server, socket, timers } = connect();
  server.last.hello();
  socket.stop();
  assert.equal(socket.state, 'idle');
  timers.advance(60000);
  assert.equal(server.sockets.length, 1);
});
