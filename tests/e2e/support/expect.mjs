// Waiting for a condition on the page or the server with a generous deadline, never for a fixed time
// (playwright-core has no auto-retrying assertions of its own).
import { isDeepStrictEqual } from 'node:util';

import { STEP_TIMEOUT_MS } from './browser.mjs';

function matches(actual, expected) {
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  if (typeof expected === 'function') return expected(actual);
  return isDeepStrictEqual(actual, expected);
}

function show(value) {
  if (value instanceof RegExp || typeof value === 'function') return String(value);
  return JSON.stringify(value);
}

/** Polls `probe` (sync or async) until its value matches `expected` (a value compared deeply, a RegExp, or
 *  a predicate); returns that value. Throws naming `what`, the expectation and the last value seen (or
 *  the probe's last error) after `timeoutMs`. */
export async function eventually(what, probe, expected, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = { value: await probe() };
      if (matches(last.value, expected)) return last.value;
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = 'error' in last ? `its probe failed: ${last.error.message}` : `last seen ${show(last.value)}`;
      throw new Error(`${what}: expected ${show(expected)} within ${timeoutMs} ms, ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `locator`'s attribute `name` matches `expected`. */
export function attributeOf(what, locator, name, expected, timeoutMs) {
  return eventually(`${what} [${name}]`, () => locator.getAttribute(name, { timeout: 1000 }), expected, timeoutMs);
}

/** Waits until `locator` matches exactly `count` elements. */
export function countOf(what, locator, count, timeoutMs) {
  return eventually(`number of ${what}`, () => locator.count(), count, timeoutMs);
}

/** Waits until `locator`'s text (innerText: as shown, line breaks kept) matches `expected`. */
export function textOf(what, locator, expected, timeoutMs) {
  return eventually(`text of ${what}`, () => locator.innerText({ timeout: 1000 }), expected, timeoutMs);
}
