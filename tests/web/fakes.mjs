// Test doubles for the realtime client: a WebSocket whose server side the test plays, and timers the
// test fires by hand (so backoff delays are observed, never waited for).

export class FakeServer {
  constructor() {
    this.sockets = [];
  }

  /** The WebSocket constructor to give the client. */
  get WebSocket() {
    const server = this;
    return class FakeWebSocket {
      constructor(url) {
        this.url = url;
        this.sent = [];
        this.closed = false;
        server.sockets.push(this);
      }
      send(text) {
        if (this.closed) throw new Error('closed');
        this.sent.push(JSON.parse(text));
      }
      close(code = 1000) {
        if (!this.closed) this.drop(code);
      }
      // ---- the server's side ----
      hello(user = { id: 1, display_name: 'Ann' }) {
        this.push({ type: 'hello', user });
      }
      push(frame) {
        this.onmessage?.({ data: JSON.stringify(frame) });
      }
      drop(code = 1006) {
        this.closed = true;
        this.onclose?.({ code });
      }
      /** Answers the last request of `type` with `fields` (and its ref). */
      answer(type, answerType, fields = {}) {
        const request = [...this.sent].reverse().find((f) => f.type === type);
        if (!request) throw new Error(`no ${type} request was sent`);
        this.push({ type: answerType, ref: request.ref, ...fields });
        return request;
      }
    };
  }

  get last() {
    return this.sockets[this.sockets.length - 1];
  }
}

export class FakeTimers {
  constructor() {
    this.now = 0;
    this.pending = [];
    this.delays = [];
    this.nextId = 1;
  }
  setTimeout(fn, delay) {
    const id = this.nextId++;
    this.pending.push({ id, fn, at: this.now + delay });
    this.delays.push(delay);
    return id;
  }
  clearTimeout(id) {
    this.pending = this.pending.filter((t) => t.id !== id);
  }
  /** Moves the clock forward by `ms`, running every timer that falls due, in order. */
  advance(ms) {
    const until = this.now + ms;
    for (;;) {
      this.pending.sort((a, b) => a.at - b.at);
      const next = this.pending[0];
      if (!next || next.at > until) break;
      this.pending.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = until;
  }
}

/** Lets pending promise callbacks run. */
export async function settle() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
