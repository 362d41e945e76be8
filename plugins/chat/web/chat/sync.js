// Keeps the open workspace in step with the server over the realtime connection: subscribes to every
// channel the user is in (after the last seq held, so a reconnection gets exactly what it missed), sends
// the outbox again after the subscriptions, and after a reconnection reloads what events cannot replay
// (the channel list and its read markers, edits and reactions of the messages held, presence).
import { applyEvent } from './events.js';

export class Sync {
  /**
   * @param {import('../lib/socket.js').RealtimeSocket} socket
   * @param {import('./sender.js').Sender} sender
   */
  constructor(socket, sender) {
    this.socket = socket;
    this.sender = sender;
    this.workspace = null;
    this.subscribed = new Set(); // channel ids subscribed on the current connection
    this.stopListening = [];
    socket.on('hello', ({ connection, resumed }) => this.resume(connection, resumed));
    socket.on('state', (state) => {
      if (state !== 'open') this.subscribed.clear();
    });
    socket.on('event', (frame) => {
      if (this.workspace) applyEvent(this.workspace, frame);
    });
    sender.on('ack', ({ entry, ack }) => this.workspace?.channels.get(entry.channelId)?.noteSeq(ack.seq));
  }

  /** Follows another workspace (an organization was opened): the old one's channels are left. */
  setWorkspace(workspace) {
    for (const stop of this.stopListening) stop();
    if (this.socket.state === 'open') {
      for (const channelId of this.subscribed) this.socket.request('unsubscribe', { channel_id: channelId }).catch(() => {});
    }
    this.subscribed.clear();
    this.workspace = workspace;
    this.stopListening = [
      workspace.on('channels', () => this.subscribeAll()),
      workspace.on('removed', ({ channelId }) => this.unsubscribe(channelId)),
    ];
    this.subscribeAll();
    if (this.socket.state === 'open') workspace.refreshPresence().catch(() => {});
  }

  /** Subscribes to the workspace's channels not subscribed on this connection; answers the requests. */
  subscribeAll() {
    const workspace = this.workspace;
    if (!workspace || this.socket.state !== 'open') return [];
    const requests = [];
    for (const channel of workspace.memberChannels()) {
      if (this.subscribed.has(channel.id)) continue;
      this.subscribed.add(channel.id);
      const request = this.socket
        .request('subscribe', { channel_id: channel.id, after_seq: channel.resumeSeq })
        .then((answer) => channel.noteSeq(answer.last_seq))
        .catch((error) => {
          this.subscribed.delete(channel.id);
          // The channel is gone for this user (removed while away, or deleted): drop it.
          if (['channel_not_found', 'not_a_member'].includes(error.code) && workspace === this.workspace) {
            workspace.left(channel.id);
          }
        });
      requests.push(request);
    }
    return requests;
  }

  unsubscribe(channelId) {
    if (!this.subscribed.delete(channelId) || this.socket.state !== 'open') return;
    this.socket.request('unsubscribe', { channel_id: channelId }).catch(() => {});
  }

  async resume(connection, resumed) {
    this.subscribed.clear();
    const workspace = this.workspace;
    const subscriptions = this.subscribeAll();
    this.sender.flush(connection);
    if (!workspace) return;
    workspace.refreshPresence().catch(() => {});
    if (!resumed) return;
    await Promise.allSettled(subscriptions);
    if (workspace !== this.workspace || this.socket.connection !== connection) return;
    try {
      await workspace.refreshChannels();
      const openId = workspace.openChannelId;
      workspace.markLogsStale(openId);
      if (openId !== null && workspace.channels.has(openId)) await workspace.refetchHeld(openId);
      if (workspace.threadParentId !== null) await workspace.openThread(workspace.threadParentId);
    } catch (error) {
      workspace.problem('Could not catch up after reconnecting', error);
    }
  }
}
