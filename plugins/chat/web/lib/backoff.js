// Reconnection delays of docs/protocol.md: 0.5 s, doubling up to 30 s, with jitter.
// "Equal jitter": each delay is picked between half its ceiling and the ceiling, so clients that lost
// the same server at the same moment spread out without ever retrying sooner than half the schedule.

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 30000;

/** The ceiling of the delay before reconnection attempt `attempt` (0 for the first retry). */
export function backoffCeiling(attempt) {
  const doublings = Math.min(Math.max(0, attempt), 16);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** doublings);
}

/** The delay in milliseconds before attempt `attempt`; `random` returns a number in [0, 1). */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = backoffCeiling(attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
