// Times as shown: day separators, relative times, sizes; a fixed zone and locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayLabel, relativeTime, dayKey, withinMinutes, byteSize, clockTime, absoluteTime } from '../../plugins/chat/web/lib/time.js';
import { typingText, TypingTracker, TypingThrottle } from '../../plugins/chat/web/lib/typing.js';
import { slugFromName, channelName, initials } from '../../plugins/chat/web/lib/names.js';

const zone = { locale: 'en-GB', timeZone: 'UTC' };
const now = new Date('2026-03-04T15:00:00Z'); // a Wednesday

test('day separators say today, yesterday, the weekday, then the date', () => {
  assert.equal(dayLabel(new Date('2026-03-04T00:01:00Z'), now, zone), 'Today');
  assert.equal(dayLabel(new Date('2026-03-03T23:59:00Z'), now, zone), 'Yesterday');
  assert.equal(dayLabel(new Date('2026-03-01T12:00:00Z'), now, zone), 'Sunday');
  assert.equal(dayLabel(new Date('2026-02-10T12:00:00Z'), now, zone), 'Tuesday 10 February');
  assert.equal(dayLabel(new Date('2025-12-24T12:00:00Z'), now, zone), '24 December 2025');
});

test('days are calendar days of the zone', () => {
  const late = new Date('2026-03-04T23:30:00Z');
  assert.equal(dayKey(late, zone), '2026-03-04');
  assert.equal(dayKey(late, { locale: 'en-GB', timeZone: 'Asia/Tokyo' }), '2026-03-05');
});

test('relative times', () => {
  assert.equal(relativeTime(new Date('2026-03-04T14:59:30Z'), now, zone), 'just now');
  assert.equal(relativeTime(new Date('2026-03-04T14:55:00Z'), now, zone), '5 min ago');
  assert.equal(relativeTime(new Date('2026-03-04T12:00:00Z'), now, zone), '3 h ago');
  assert.equal(relativeTime(new Date('2026-03-03T12:00:00Z'), now, zone), 'yesterday');
  assert.equal(relativeTime(new Date('2026-02-01T12:00:00Z'), now, zone), '1 Feb 2026');
});

test('clock and absolute times', () => {
  assert.equal(clockTime(now, zone), '15:00');
  assert.match(absoluteTime(now, zone), /Wednesday.*4 March 2026.*15:00:00/);
});

test('messages within five minutes group', () => {
  assert.equal(withinMinutes(new Date('2026-03-04T15:00:00Z'), new Date('2026-03-04T15:04:59Z'), 5), true);
  assert.equal(withinMinutes(new Date('2026-03-04T15:00:00Z'), new Date('2026-03-04T15:05:00Z'), 5), false);
});

test('sizes', () => {
  assert.equal(byteSize(512), '512 bytes');
  assert.equal(byteSize(48213004), '48 MB');
  assert.equal(byteSize(1500), '1.5 kB');
});

test('typing: shown for five seconds after the last event, in words', () => {
  const tracker = new TypingTracker();
  tracker.seen(7, 2, 1000);
  tracker.seen(7, 3, 3000);
  assert.deepEqual(tracker.active(7, 5999), [2, 3]);
  assert.deepEqual(tracker.active(7, 6000), [3]);
  tracker.stopped(7, 3);
  assert.deepEqual(tracker.active(7, 6000), []);
  assert.equal(typingText(['Ann']), 'Ann is typing…');
  assert.equal(typingText(['Ann', 'Bob']), 'Ann and Bob are typing…');
  assert.equal(typingText(['Ann', 'Bob', 'Cara', 'Dan']), 'Ann, Bob and 2 others are typing…');
  assert.equal(typingText([]), '');
});

test('typing is announced at most every three seconds per channel', () => {
  const throttle = new TypingThrottle();
  assert.equal(throttle.shouldSend(7, 0), true);
  assert.equal(throttle.shouldSend(7, 2999), false);
  assert.equal(throttle.shouldSend(8, 1000), true, 'another channel');
  assert.equal(throttle.shouldSend(7, 3000), true);
  throttle.reset(7);
  assert.equal(throttle.shouldSend(7, 3001), true, 'after sending a message');
});

test('names: slugs, direct channels, initials', () => {
  assert.equal(slugFromName('Acme Labs, Inc.'), 'acme-labs-inc');
  assert.equal(slugFromName('Café Zürich'), 'cafe-zurich');
  const members = new Map([[1, { display_name: 'Ann' }], [2, { display_name: 'Cara' }], [3, { display_name: 'Bob' }]]);
  assert.equal(channelName({ kind: 'direct', members: [1, 2, 3] }, members, 1), 'Bob, Cara');
  assert.equal(channelName({ kind: 'public', name: 'general' }, members, 1), 'general');
  assert.equal(initials('Ann Lee'), 'AL');
  assert.equal(initials(''), '?');
});
