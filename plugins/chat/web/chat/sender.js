// Sends the user's messages through the outbox: at once when connected, again after every
// reconnection until acknowledged, always with the entry's client_id. Announces 'change'
// {channelId, parentId} whenever an entry changes, and 'ack' {entry, ack}.
import { Emitter } from '../lib/emitter.js';

/** Errors that mean "no answer came": the message may or may not be stored; send it again. */
const UNANSWERED = new Set(['not_connected', 'connection_lost', 'connection_closed']);

export class Sender extends Emitter {
  /**
   * @param {import('../lib/socket.js').RealtimeSocket} socket
   * @param {import('../lib/outbox.js').Outbox} outbox
   */
  constructor(socket, outbox) {
    super();
    this.socket = socket;
    this.outbox = outbox;
  }

  /** Queues a message and sends it when connected; answers its outbox entry. */
  send({ channelId, parentId = null, text, authorId }) {
    const entry = this.outbox.add({ channelId, parentId, text, authorId });
    this.changed(entry);
    if (this.socket.state === 'open') this.flush(this.socket.connection);
    return entry;
  }

  retry(clientId) {
    const entry = this.outbox.retry(clientId);
    if (!entry) return;
    this.changed(entry);
    if (this.socket.state === 'open') this.flush(this.socket.connection);
  }

  discard(clientId) {
    const entry = this.outbox.get(clientId);
    if (entry && this.outbox.discard(clientId)) this.changed(entry);
  }

  /** Sends every pending entry not yet sent on connection `connection` (after its subscriptions). */
  flush(connection) {
    for (const entry of this.outbox.takeUnsent(connection)) this.transmit(entry);
  }

  transmit(entry) {
    const frame = { channel_id: entry.channelId, text: entry.text, client_id: entry.clientId };
    if (entry.parentId !== null) frame.parent_id = entry.parentId;
    this.socket.request('message.send', frame).then(
      (ack) => {
        if (this.outbox.acknowledge(ack)) this.emit('ack', { entry, ack });
        this.changed(entry);
      },
      (error) => {
        if (UNANSWERED.has(error.code)) this.outbox.unanswered(entry.clientId);
        else this.outbox.fail(entry.clientId, error.message);
        this.changed(entry);
      },
    );
  }

  changed(entry) {
    this.emit('change', { channelId: entry.channelId, parentId: entry.parentId });
  }
}
