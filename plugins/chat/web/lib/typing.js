// Who is typing where. Others' `typing` events show for TYPING_SHOWN_MS after the last one; the user's
// own typing is announced at most every TYPING_SEND_INTERVAL_MS.

export const TYPING_SHOWN_MS = 5000;
export const TYPING_SEND_INTERVAL_MS = 3000;

export class TypingTracker {
  constructor() {
    /** channelId -> Map(userId -> time of the last event, ms) */
    this.channels = new Map();
  }

  /** A `typing` event from `userId` in `channelId` at `now` (ms). */
  seen(channelId, userId, now) {
    if (!this.channels.has(channelId)) this.channels.set(channelId, new Map());
    this.channels.get(channelId).set(userId, now);
  }

  /** `userId` posted in `channelId`: they stopped typing. */
  stopped(channelId, userId) {
    this.channels.get(channelId)?.delete(userId);
  }

  /** The users typing in `channelId` at `now`, in the order they started; forgets expired ones. */
  active(channelId, now) {
    const users = this.channels.get(channelId);
    if (!users) return [];
    for (const [userId, at] of users) if (now - at >= TYPING_SHOWN_MS) users.delete(userId);
    return [...users.keys()];
  }

  /** When the next of the channel's typists expires (ms), or null. */
  nextExpiry(channelId) {
    const users = this.channels.get(channelId);
    if (!users || users.size === 0) return null;
    return Math.min(...users.values()) + TYPING_SHOWN_MS;
  }
}

/** "Ann is typing…", "Ann and Bob are typing…", "Ann, Bob and 2 others are typing…", or "". */
export function typingText(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`;
}

/** Throttles the user's own typing announcements per channel. */
export class TypingThrottle {
  constructor() {
    this.lastSent = new Map();
  }

  /** Whether a `typing` frame for `channelId` may go out at `now` (ms); records it when so. */
  shouldSend(channelId, now) {
    const last = this.lastSent.get(channelId);
    if (last !== undefined && now - last < TYPING_SEND_INTERVAL_MS) return false;
    this.lastSent.set(channelId, now);
    return true;
  }

  /** The user sent a message: the next keystroke announces typing again. */
  reset(channelId) {
    this.lastSent.delete(channelId);
  }
}
