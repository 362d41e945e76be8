// Per-channel seq tracking: the contiguous mark a resubscription resumes after, with gaps as "not yet".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeqTracker } from '../../plugins/chat/web/lib/seqTracker.js';

test('in-order seqs advance the contiguous mark', () => {
  const tracker = new SeqTracker(0);
  assert.equal(tracker.accept(1), true);
  assert.equal(tracker.accept(2), true);
  assert.equal(tracker.contiguous, 2);
  assert.deepEqual(tracker.missing(), []);
});

test('a seq after a gap is kept but does not move the mark until the gap fills', () => {
  const tracker = new SeqTracker(10);
  assert.equal(tracker.accept(13), true);
  assert.equal(tracker.accept(12), true);
  assert.equal(tracker.contiguous, 10, 'resuming must ask again for 11');
  assert.deepEqual(tracker.missing(), [11]);
  assert.equal(tracker.highest, 13);
  assert.equal(tracker.accept(11), true);
  assert.equal(tracker.contiguous, 13);
  assert.deepEqual(tracker.missing(), []);
});

test('duplicates are reported once, below and above the mark', () => {
  const tracker = new SeqTracker(5);
  assert.equal(tracker.accept(5), false, 'at the starting mark');
  assert.equal(tracker.accept(3), false, 'below it');
  assert.equal(tracker.accept(8), true);
  assert.equal(tracker.accept(8), false, 'ahead of a gap, seen twice');
  assert.equal(tracker.has(8), true);
  assert.equal(tracker.has(7), false);
});

test('values that are not seqs are ignored', () => {
  const tracker = new SeqTracker(0);
  assert.equal(tracker.accept(null), false);
  assert.equal(tracker.accept(1.5), false);
  assert.equal(tracker.contiguous, 0);
});
