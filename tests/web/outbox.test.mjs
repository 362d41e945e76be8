// The outbox: pending sends keyed by client_id, sent again after a reconnection, matched to their ack
// and to the stored message so that nothing is lost or shown twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox } from '../../plugins/chat/web/lib/outbox.js';
import { timeline } from '../../plugins/chat/web/lib/timeline.js';

function outbox() {
  let n = 0;
  return new Outbox({ newClientId: () => `c-${++n}`, now: () => new Date('2026-03-01T12:00:00Z') });
}
const stored = (clientId, seq, fields = {}) => ({
  id: 900 + seq, channel_id: 7, seq, author_id: 1, text: 'hi', client_id: clientId, parent_id: null, created_at: '2026-03-01T12:00:00.000Z', ...fields,
});

test('a new entry is pending and sent once per connection', () => {
  const box = outbox();
  const entry = box.add({ channelId: 7, text: 'hello', authorId: 1 });
  assert.equal(entry.status, 'pending');
  assert.deepEqual(box.takeUnsent(1).map((e) => e.clientId), ['c-1']);
  assert.deepEqual(box.takeUnsent(1), [], 'already sent on connection 1');
});

test('an entry without an answer is sent again on the next connection with the same client_id', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'first', authorId: 1 });
  box.add({ channelId: 7, text: 'second', authorId: 1 });
  box.takeUnsent(1);
  box.unanswered('c-1');
  box.unanswered('c-2');
  assert.deepEqual(box.takeUnsent(2).map((e) => [e.clientId, e.text]), [['c-1', 'first'], ['c-2', 'second']], 'in the order they were written');
});

test('even without unanswered(), a new connection sends what is still pending', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'first', authorId: 1 });
  box.takeUnsent(1);
  assert.deepEqual(box.takeUnsent(2).map((e) => e.clientId), ['c-1']);
});

test('an ack marks the entry sent with its id and seq, and it is not sent again', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'hello', authorId: 1 });
  box.takeUnsent(1);
  const entry = box.acknowledge({ client_id: 'c-1', message_id: 905, seq: 5 });
  assert.equal(entry.status, 'sent');
  assert.equal(entry.messageId, 905);
  assert.equal(entry.seq, 5);
  assert.equal(box.hasUnacknowledged, false);
  assert.deepEqual(box.takeUnsent(2), []);
  assert.equal(box.acknowledge({ client_id: 'unknown', message_id: 1, seq: 1 }), undefined);
});

test('the stored message ends the entry; a message of another author with the same client_id does not', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'hello', authorId: 1 });
  assert.equal(box.confirm(stored('c-1', 5, { author_id: 2 })), false);
  assert.equal(box.forChannel(7).length, 1);
  assert.equal(box.confirm(stored('c-1', 5)), true);
  assert.equal(box.forChannel(7).length, 0);
  assert.equal(box.confirm(stored('c-1', 5)), false, 'a second copy finds nothing to end');
});

test('a refused message is failed with the reason, and Retry sends it again with the same client_id', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'x'.repeat(10), authorId: 1 });
  box.takeUnsent(1);
  box.fail('c-1', 'text: must be at most 5 bytes');
  assert.equal(box.get('c-1').status, 'failed');
  assert.equal(box.get('c-1').error, 'text: must be at most 5 bytes');
  assert.deepEqual(box.takeUnsent(2), [], 'a failed message is not resent by itself');
  box.retry('c-1');
  assert.deepEqual(box.takeUnsent(2).map((e) => e.clientId), ['c-1']);
});

test('entries are listed per channel and thread', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'main', authorId: 1 });
  box.add({ channelId: 7, parentId: 3, text: 'reply', authorId: 1 });
  box.add({ channelId: 8, text: 'elsewhere', authorId: 1 });
  assert.deepEqual(box.forChannel(7).map((e) => e.text), ['main']);
  assert.deepEqual(box.forChannel(7, 3).map((e) => e.text), ['reply']);
});

test('the timeline shows a message once whether its ack, its event, or both arrived', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'hi', authorId: 1 });
  const keysAt = (messages) => timeline(messages, box.forChannel(7)).map((item) => item.key);

  assert.deepEqual(keysAt([]), ['c:1:c-1'], 'pending');
  box.acknowledge({ client_id: 'c-1', message_id: 905, seq: 5 });
  assert.deepEqual(keysAt([]), ['c:1:c-1'], 'acknowledged, the event not yet here');
  // The event arrived but the outbox has not been told yet: the stored copy wins, once.
  assert.deepEqual(keysAt([stored('c-1', 5)]), ['c:1:c-1']);
  assert.equal(timeline([stored('c-1', 5)], box.forChannel(7))[0].message.id, 905);
  box.confirm(stored('c-1', 5));
  assert.deepEqual(keysAt([stored('c-1', 5)]), ['c:1:c-1'], 'same key throughout, so the row is replaced in place');
});

test('acknowledged entries take their place by seq; unacknowledged ones come last', () => {
  const box = outbox();
  box.add({ channelId: 7, text: 'acked', authorId: 1 });
  box.add({ channelId: 7, text: 'waiting', authorId: 1 });
  box.acknowledge({ client_id: 'c-1', message_id: 905, seq: 5 });
  const others = [stored(null, 4, { author_id: 2 }), stored(null, 6, { author_id: 2 })];
  const items = timeline(others, box.forChannel(7));
  assert.deepEqual(items.map((i) => i.message?.seq ?? i.entry.text), [4, 'acked', 6, 'waiting']);
});
