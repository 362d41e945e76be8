// The realtime connection of docs/protocol.md: connects, waits for `hello`, matches answers to requests
// by `ref`, and reconnects after any loss with backoff (0.5 s doubling to 30 s, jittered). It knows
// nothing of chat: what to do after a (re)connection is the listeners' business ('hello' event).
//
// States: idle -> connecting -> open -> reconnecting -> open ... -> idle (stop(), or the session ended).
// A connection that closes before its `hello` (the handshake failed) makes it ask `checkSession()`
// whether the user is still signed in: a 401 there ends the session instead of retrying forever.
import { Emitter } from './emitter.js';
import { backoffDelay } from './backoff.js';

/** Frame types that answer a request and carry its `ref`. */
const ANSWERS = new Set(['result', 'ack', 'subscribed', 'unsubscribed', 'error']);
/** A connection that lived this long resets the backoff; a shorter one (closed at once) does not. */
export const STABLE_CONNECTION_MS = 10000;

export class SocketError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SocketError';
    this.code = code;
  }
}

export class RealtimeSocket extends Emitter {
  /**
   * @param {object} options
   * @param {string} options.url ws(s)://host/api/ws
   * @param {Function} options.WebSocketImpl the WebSocket constructor
   * @param {() => Promise<'signed-in'|'signed-out'|'unknown'>} options.checkSession
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers]
   * @param {() => number} [options.random] for the jitter
   * @param {() => number} [options.now] ms clock
   * @param {{intervalMs: number, timeoutMs: number, request: () => [string, object]}} [options.probe]
   *   when nothing was heard for intervalMs, send this request; no answer within timeoutMs: the
   *   connection is dead (a sleeping laptop, a vanished network) and is replaced
   */
  constructor({ url, WebSocketImpl, checkSession, timers = globalThis, random = Math.random, now = Date.now, probe = null }) {
    super();
    Object.assign(this, { url, WebSocketImpl, checkSession, timers, random, now, probe });
    this.state = 'idle';
    this.ws = null;
    this.connection = 0; // counts connections that got their hello
    this.attempt = 0;
    this.nextRef = 1;
    this.pending = new Map(); // ref -> {resolve, reject, type}
    this.retryTimer = null;
    this.probeTimer = null;
    this.lastHeard = 0;
  }

  start() {
    if (this.state !== 'idle') return;
    this.setState('connecting');
    this.connect();
  }

  /** Closes for good (sign-out): no reconnection. */
  stop() {
    this.setState('idle');
    this.timers.clearTimeout(this.retryTimer);
    this.stopProbe();
    const ws = this.ws;
    this.ws = null;
    this.failPending('connection_closed', 'The connection was closed.');
    if (ws) ws.close(1000, 'bye');
  }

  /** Reconnects now rather than at the end of the current delay (the browser came back online). */
  retryNow() {
    if (this.state !== 'reconnecting' || this.ws) return;
    this.timers.clearTimeout(this.retryTimer);
    this.connect();
  }

  /**
   * Sends a request and answers its answer: `data` of a `result`, the frame itself of `ack`,
   * `subscribed` and `unsubscribed`. Rejects with a SocketError carrying the server's code and message,
   * or `not_connected` / `connection_lost`.
   */
  request(type, fields = {}) {
    if (this.state !== 'open') {
      return Promise.reject(new SocketError('not_connected', 'Not connected to the server. Try again in a moment.'));
    }
    const ref = this.nextRef++;
    return new Promise((resolve, reject) => {
      this.pending.set(ref, { resolve, reject });
      this.transmit({ type, ref, ...fields });
    });
  }

  /** Sends a frame that expects no answer (`typing`); dropped when not connected. */
  notify(type, fields = {}) {
    if (this.state === 'open') this.transmit({ type, ...fields });
  }

  // ---- internals ----

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  transmit(frame) {
    try {
      this.ws.send(JSON.stringify(frame));
    } catch {
      // The close event follows and fails the request.
    }
  }

  connect() {
    this.retryTimer = null;
    let ws;
    try {
      ws = new this.WebSocketImpl(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.helloReceived = false;
    ws.onmessage = (event) => this.received(ws, event.data);
    ws.onclose = (event) => this.closed(ws, event.code);
    ws.onerror = () => {}; // a close event always follows
  }

  received(ws, data) {
    if (ws !== this.ws) return;
    this.lastHeard = this.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      console.warn('ignored a frame that is not JSON');
      return;
    }
    if (!ws.helloReceived) {
      if (frame.type !== 'hello') return;
      ws.helloReceived = true;
      ws.openedAt = this.now();
      this.connection += 1;
      this.setState('open');
      this.startProbe();
      this.emit('hello', { user: frame.user, connection: this.connection, resumed: this.connection > 1 });
      return;
    }
    if (ANSWERS.has(frame.type) && frame.ref !== null && this.pending.has(frame.ref)) {
      const { resolve, reject } = this.pending.get(frame.ref);
      this.pending.delete(frame.ref);
      if (frame.type === 'error') reject(new SocketError(frame.code, frame.message ?? frame.code));
      else if (frame.type === 'result') resolve(frame.data ?? {});
      else resolve(frame);
      return;
    }
    this.emit('event', frame);
  }

  async closed(ws, code) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopProbe();
    this.failPending('connection_lost', 'The connection to the server was lost.');
    if (this.state === 'idle') return;
    const wasOpen = ws.helloReceived;
    if (wasOpen && this.now() - ws.openedAt >= STABLE_CONNECTION_MS) this.attempt = 0;
    this.setState('reconnecting');
    this.emit('closed', { code, wasOpen });
    if (!wasOpen) {
      let session = 'unknown';
      try {
        session = await this.checkSession();
      } catch {
        // Unknown: keep trying.
      }
      if (this.state === 'idle') return;
      if (session === 'signed-out') {
        this.setState('idle');
        this.emit('unauthenticated');
        return;
      }
    }
    this.scheduleRetry();
  }

  scheduleRetry() {
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }

  failPending(code, message) {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of pending) reject(new SocketError(code, message));
  }

  startProbe() {
    if (!this.probe) return;
    this.stopProbe();
    const tick = async () => {
      const ws = this.ws;
      if (this.state !== 'open' || !ws) return;
      if (this.now() - this.lastHeard >= this.probe.intervalMs) {
        const [type, fields] = this.probe.request();
        const answered = this.request(type, fields).then(() => true, () => true);
        const timedOut = new Promise((resolve) => this.timers.setTimeout(() => resolve(false), this.probe.timeoutMs));
        if (!(await Promise.race([answered, timedOut])) && ws === this.ws) {
          ws.close(4000, 'no answer');
          this.closed(ws, 4000); // a dead network may deliver the close event only much later
          return;
        }
      }
      if (ws === this.ws) this.probeTimer = this.timers.setTimeout(tick, this.probe.intervalMs);
    };
    this.probeTimer = this.timers.setTimeout(tick, this.probe.intervalMs);
  }

  stopProbe() {
    this.timers.clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }
}
