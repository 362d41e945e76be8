// An independent client for the protocol of docs/protocol.md, written with npm's `ws` and nothing of
// OComms: if it can chat, the protocol document is enough to write a client.
//
// Environment (set by the C++ test that starts the server and creates the users and the channel):
//   OCOMMS_WS_URL     ws://127.0.0.1:PORT/api/ws
//   OCOMMS_TOKEN_A    session token of a member of the channel
//   OCOMMS_TOKEN_B    session token of another member of the channel
//   OCOMMS_TOKEN_C    session token of a user of another organization
//   OCOMMS_CHANNEL    the channel's id
//   OCOMMS_MAX_TEXT   the chat plugin's max_message_bytes
//   OCOMMS_NODE_MODULES  the folder where the build installed `ws` (tests/node/package-lock.json)
// Prints one line per step and exits non-zero on the first failure.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The packages live in the build folder, not beside this file, and ES modules ignore NODE_PATH.
const require = createRequire(join(process.env.OCOMMS_NODE_MODULES, '..', 'package.json'));
const { WebSocket } = require('ws');

const url = process.env.OCOMMS_WS_URL;
const channelId = Number(process.env.OCOMMS_CHANNEL);
const maxText = Number(process.env.OCOMMS_MAX_TEXT);
const timeoutMs = 10000;

/** A connection with a queue of received events and waits for the next matching one. */
class Client {
  static open(token) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
      const client = new Client(socket);
      // The server's first frame; after it the connection hears its organizations' events.
      socket.once('open', () => client.next((e) => e.type === 'hello', 'hello').then(() => resolve(client), reject));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake: HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.events = [];
    this.waiters = [];
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'the server sends text frames only');
      this.events.push(JSON.parse(data.toString('utf8')));
      this.wake();
    });
  }

  send(object) { this.socket.send(JSON.stringify(object)); }
  sendRaw(bytes) { this.socket.send(bytes, { binary: false }); }

  wake() {
    for (const waiter of [...this.waiters]) {
      const index = this.events.findIndex(waiter.match);
      if (index >= 0) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.resolve(this.events.splice(index, 1)[0]);
      }
    }
  }

  /** The first received event (now or later) that `match` accepts; removed from the queue. */
  next(match, what) {
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
      this.wake();
    });
  }

  reply(ref) { return this.next((e) => e.ref === ref, `the answer to ref ${ref}`); }
  created(clientId) {
    return this.next((e) => e.type === 'message.created' && e.message.client_id === clientId, `message.created ${clientId}`);
  }
  close() { this.socket.close(1000); return this.closed; }
}

async function step(name, body) {
  await body();
  console.log(`ok - ${name}`);
}

const a = await Client.open(process.env.OCOMMS_TOKEN_A);
const b = await Client.open(process.env.OCOMMS_TOKEN_B);
const clientId = `node-${process.pid}-${Date.now()}`;
let sent;

await step('subscribe answers subscribed with the ref after the backlog', async () => {
  for (const [client, ref] of [[a, 'sa'], [b, 'sb']]) {
    client.send({ type: 'subscribe', ref, channel_id: channelId, after_seq: 0 });
    const answer = await client.reply(ref);
    assert.equal(answer.type, 'subscribed');
    assert.equal(answer.channel_id, channelId);
    assert.equal(typeof answer.last_seq, 'number');
  }
});

await step('message.send is acked and reaches the other member', async () => {
  a.send({ type: 'message.send', ref: 1, channel_id: channelId, text: 'hello from node ✓', client_id: clientId });
  const ack = await a.reply(1);
  assert.equal(ack.type, 'ack');
  assert.equal(ack.client_id, clientId);
  assert.ok(Number.isInteger(ack.message_id) && Number.isInteger(ack.seq));
  const seen = await b.created(clientId);
  for (const key of ['id', 'channel_id', 'seq', 'author_id', 'text', 'client_id', 'parent_id', 'created_at']) {
    assert.ok(key in seen.message, `message.created has ${key}`);
  }
  assert.equal(seen.message.id, ack.message_id);
  assert.equal(seen.message.seq, ack.seq);
  assert.equal(seen.message.text, 'hello from node ✓');
  assert.equal(seen.message.parent_id, null);
  sent = ack;
});

await step('a retried send with the same client_id gives the same message, not a second one', async () => {
  a.send({ type: 'message.send', ref: 2, channel_id: channelId, text: 'hello from node ✓', client_id: clientId });
  const ack = await a.reply(2);
  assert.equal(ack.message_id, sent.message_id);
  assert.equal(ack.seq, sent.seq);
  b.send({ type: 'messages.history', ref: 'h', channel_id: channelId, after: 0, limit: 50 });
  const history = await b.reply('h');
  assert.equal(history.type, 'result', JSON.stringify(history));
  assert.equal(history.data.messages.filter((m) => m.client_id === clientId).length, 1);
});

await step('a thread reply names its parent', async () => {
  a.send({ type: 'message.send', ref: 3, channel_id: channelId, text: 'a reply', client_id: `${clientId}-r`, parent_id: sent.message_id });
  assert.equal((await a.reply(3)).type, 'ack');
  const reply = await b.created(`${clientId}-r`);
  assert.equal(reply.message.parent_id, sent.message_id);
});

await step('malformed JSON is an invalid_json error and the connection goes on', async () => {
  a.sendRaw(Buffer.from('{"type": "message.send", '));
  const error = await a.next((e) => e.type === 'error' && e.code === 'invalid_json', 'invalid_json');
  assert.equal(error.ref, null);
});

await step('an unknown type is an unknown_type error with the ref', async () => {
  a.send({ type: 'no.such.type', ref: 'u' });
  const error = await a.reply('u');
  assert.equal(error.type, 'error');
  assert.equal(error.code, 'unknown_type');
});

await step('a missing field is named', async () => {
  a.send({ type: 'message.send', ref: 'm', channel_id: channelId, client_id: `${clientId}-m` });
  const error = await a.reply('m');
  assert.equal(error.code, 'missing_field');
  assert.match(error.message, /text/);
});

await step('a channel of another organization does not exist for the user', async () => {
  const c = await Client.open(process.env.OCOMMS_TOKEN_C);
  c.send({ type: 'subscribe', ref: 'x', channel_id: channelId, after_seq: 0 });
  const error = await c.reply('x');
  assert.equal(error.code, 'channel_not_found');
  await c.close();
});

await step('an oversized message is refused with message_too_large', async () => {
  a.send({ type: 'message.send', ref: 'big', channel_id: channelId, text: 'x'.repeat(maxText + 1), client_id: `${clientId}-big` });
  assert.equal((await a.reply('big')).code, 'message_too_large');
});

await step('the other connection was served all along', async () => {
  b.send({ type: 'typing', channel_id: channelId });
  const typing = await a.next((e) => e.type === 'typing', 'typing');
  assert.equal(typing.channel_id, channelId);
});

await step('invalid UTF-8 in a text frame closes with 1007', async () => {
  a.sendRaw(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
  assert.equal(await a.closed, 1007);
});

await b.close();
console.log('all protocol steps passed');
