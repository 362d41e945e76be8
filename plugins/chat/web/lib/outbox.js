// Messages the user sent that the server has not confirmed yet, keyed by client_id. An entry is
// `pending` until its ack, `sent` after the ack (until the message itself arrives), `failed` when the
// server refused it. After a reconnection every pending entry is sent again with the same client_id,
// and the server answers a message it already stored with the same ack, so nothing is lost or doubled.

export class Outbox {
  /** @param {{newClientId?: () => string, now?: () => Date}} options */
  constructor({ newClientId = () => globalThis.crypto.randomUUID(), now = () => new Date() } = {}) {
    this.newClientId = newClientId;
    this.now = now;
    /** client_id -> entry, in the order sent */
    this.entries = new Map();
  }

  /** Queues a new message and answers its entry. */
  add({ channelId, text, parentId = null, authorId }) {
    const entry = {
      clientId: this.newClientId(),
      channelId,
      parentId,
      authorId,
      text,
      createdAt: this.now().toISOString(),
      status: 'pending',
      messageId: null,
      seq: null,
      error: null,
      sentOn: null, // the connection the entry was last sent on, so one connection sends it once
    };
    this.entries.set(entry.clientId, entry);
    return entry;
  }

  get(clientId) {
    return this.entries.get(clientId);
  }

  /** Entries to send on connection `connection`: pending, not already sent on it. Marks them sent on it. */
  takeUnsent(connection) {
    const unsent = [];
    for (const entry of this.entries.values()) {
      if (entry.status === 'pending' && entry.sentOn !== connection) {
        entry.sentOn = connection;
        unsent.push(entry);
      }
    }
    return unsent;
  }

  /** The connection was lost before an answer: the entry is sent again on the next one. */
  unanswered(clientId) {
    const entry = this.entries.get(clientId);
    if (entry && entry.status === 'pending') entry.sentOn = null;
  }

  /** An `ack` {client_id, message_id, seq}; answers the entry, or undefined when unknown. */
  acknowledge(ack) {
    const entry = this.entries.get(ack.client_id);
    if (!entry) return undefined;
    entry.status = 'sent';
    entry.messageId = ack.message_id;
    entry.seq = ack.seq;
    entry.error = null;
    return entry;
  }

  /** The server refused the message (`error` frame): kept, shown as failed, with its reason. */
  fail(clientId, message) {
    const entry = this.entries.get(clientId);
    if (!entry) return undefined;
    entry.status = 'failed';
    entry.error = message;
    entry.sentOn = null;
    return entry;
  }

  /** A failed entry is to be sent again (same client_id). */
  retry(clientId) {
    const entry = this.entries.get(clientId);
    if (!entry || entry.status !== 'failed') return undefined;
    entry.status = 'pending';
    entry.error = null;
    return entry;
  }

  discard(clientId) {
    return this.entries.delete(clientId);
  }

  /**
   * A stored message arrived (message.created, history, thread). When it is one of ours, its entry is
   * done: answers true and forgets the entry, so the message is shown once, as the server has it.
   */
  confirm(message) {
    if (!message.client_id) return false;
    const entry = this.entries.get(message.client_id);
    if (!entry || entry.authorId !== message.author_id) return false;
    this.entries.delete(message.client_id);
    return true;
  }

  /** The entries of one channel (and one thread: parentId, or null for the channel's main list). */
  forChannel(channelId, parentId = null) {
    return [...this.entries.values()].filter((e) => e.channelId === channelId && e.parentId === parentId);
  }

  /** Whether any entry still waits for its ack. */
  get hasUnacknowledged() {
    for (const entry of this.entries.values()) if (entry.status === 'pending') return true;
    return false;
  }
}
