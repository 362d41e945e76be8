// Reconnection delays: 0.5 s doubling to 30 s, jittered between half the ceiling and the ceiling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, backoffCeiling, BACKOFF_MAX_MS } from '../../plugins/chat/web/lib/backoff.js';

test('the ceiling starts at half a second and doubles', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(backoffCeiling), [500, 1000, 2000, 4000, 8000, 16000]);
});

test('the ceiling stops at thirty seconds however many attempts failed', () => {
  assert.equal(backoffCeiling(6), BACKOFF_MAX_MS);
  assert.equal(backoffCeiling(1000), BACKOFF_MAX_MS);
  assert.equal(backoffDelay(1e9, () => 0.999999), BACKOFF_MAX_MS);
});

test('jitter keeps every delay between half the ceiling and the ceiling', () => {
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const ceiling = backoffCeiling(attempt);
    assert.equal(backoffDelay(attempt, () => 0), ceiling / 2, `attempt ${attempt}, lowest`);
    assert.equal(backoffDelay(attempt, () => 0.999999), ceiling, `attempt ${attempt}, highest`);
    const middle = backoffDelay(attempt, () => 0.5);
    assert.ok(middle > ceiling / 2 && middle < ceiling, `attempt ${attempt}: ${middle}`);
  }
});

test('a negative attempt is treated as the first', () => {
  assert.equal(backoffCeiling(-3), 500);
});
