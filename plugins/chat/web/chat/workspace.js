// The signed-in user's view of one organization: its members, channels (with unread counts and seq
// tracking), the messages held per channel, presence and typing, and the open channel and thread.
// DOM-free: it changes state and announces it; the views listen. Events from the server are applied by
// events.js, subscriptions and resumption are sync.js's.
//
// Announcements: 'channels' (the list or its counts), 'messages' {channelId}, 'presence', 'typing'
// {channelId}, 'open' (the open channel changed), 'thread' (the open thread changed), 'removed'
// {channelId} (the user is no longer in a channel), 'joined' {channelId} (the user joined or created one),
// 'members' (the organization's members were reloaded), 'unknown-member' (someone not yet known posted),
// 'problem' {message} (a request made in the background failed).
import { Emitter } from '../lib/emitter.js';
import { ChannelState } from '../lib/channelState.js';
import { MessageLog } from '../lib/messageLog.js';
import { TypingTracker } from '../lib/typing.js';
import { mentionNames } from '../lib/richText.js';
import { channelName } from '../lib/names.js';

export const PAGE_SIZE = 50;
const REFETCH_PAGE_SIZE = 200;

export class Workspace extends Emitter {
  /**
   * @param {object} options
   * @param {object} options.me the user of GET /api/me
   * @param {object} options.org {id, slug, name, role} of GET /api/orgs/{org}
   * @param {object[]} options.members GET /api/orgs/{org}/members
   * @param {object[]} options.channels channels.list
   * @param {ReturnType<import('../lib/chatApi.js').createChatApi>} options.chatApi
   * @param {import('../lib/outbox.js').Outbox} options.outbox
   */
  constructor({ me, org, members, channels, chatApi, outbox }) {
    super();
    Object.assign(this, { me, org, chatApi, outbox });
    this.setMembers(members);
    this.channels = new Map();
    this.logs = new Map();
    this.presence = new Map();
    this.typing = new TypingTracker();
    this.openChannelId = null;
    this.threadParentId = null;
    this.setChannels(channels);
  }

  get isAdmin() {
    return this.org.role === 'owner' || this.org.role === 'admin';
  }

  setMembers(members) {
    this.members = new Map(members.map((m) => [m.id, m]));
    this.mentionNames = mentionNames(members);
  }

  /** Applies a channel list: counts from the server, channels added and gone. */
  setChannels(list) {
    const listed = new Set();
    for (const channel of list) {
      listed.add(channel.id);
      this.upsertChannel(channel);
    }
    for (const id of [...this.channels.keys()]) if (!listed.has(id)) this.channels.delete(id);
    this.emit('channels');
  }

  upsertChannel(channel) {
    const known = this.channels.get(channel.id);
    if (known) known.refresh(channel);
    else this.channels.set(channel.id, new ChannelState(channel, this.me.id));
    return this.channels.get(channel.id);
  }

  /** The channels the user is in, sorted by name (direct ones by their members' names). */
  memberChannels() {
    return [...this.channels.values()]
      .filter((c) => c.channel.is_member && !c.channel.archived)
      .sort((a, b) => this.nameOf(a.channel).localeCompare(this.nameOf(b.channel)));
  }

  nameOf(channel) {
    return channelName(channel, this.members, this.me.id);
  }

  log(channelId) {
    if (!this.logs.has(channelId)) this.logs.set(channelId, new MessageLog());
    return this.logs.get(channelId);
  }

  /** Takes messages from the server in: seq tracking, counts, the outbox, the channel's log. */
  ingest(messages) {
    const touched = new Set();
    for (const message of messages) {
      const channel = this.channels.get(message.channel_id);
      if (!channel) continue;
      if (!this.members.has(message.author_id)) this.emit('unknown-member');
      channel.receive(message);
      this.outbox.confirm(message);
      this.log(message.channel_id).merge(message);
      touched.add(message.channel_id);
    }
    for (const channelId of touched) this.emit('messages', { channelId });
    if (touched.size) this.emit('channels');
  }

  // ---- the open channel and thread ----

  open(channelId) {
    if (this.openChannelId === channelId) return;
    this.openChannelId = channelId;
    this.threadParentId = null;
    this.emit('open');
    this.emit('thread');
  }

  openThread(parentId) {
    this.threadParentId = parentId;
    this.emit('thread');
    return this.chatApi.thread(parentId).then(({ parent, replies }) => this.ingest([parent, ...replies]));
  }

  closeThread() {
    this.threadParentId = null;
    this.emit('thread');
  }

  /** Gets a channel ready to show: its latest page the first time, its held messages again when stale. */
  async prepare(channelId) {
    const log = this.log(channelId);
    if (!log.loaded) await this.loadLatest(channelId);
    else if (log.stale) {
      log.stale = false;
      await this.refetchHeld(channelId);
    }
  }

  /** After a reconnection, held messages of channels not on screen may be out of date. */
  markLogsStale(exceptChannelId) {
    for (const [channelId, log] of this.logs) if (channelId !== exceptChannelId) log.stale = true;
  }

  /** Loads the latest page of a channel's history (when it is first opened). */
  async loadLatest(channelId) {
    const log = this.log(channelId);
    const { messages, has_more: hasMore } = await this.chatApi.history(channelId, { limit: PAGE_SIZE });
    const oldestHeld = log.oldestSeq();
    if (messages.length === 0) log.hasMoreBefore = false;
    else if (oldestHeld === null || messages[0].seq <= oldestHeld) log.hasMoreBefore = hasMore;
    log.loaded = true;
    this.ingest(messages);
    this.emit('messages', { channelId });
  }

  /** Loads the page before the oldest message held; answers how many came. */
  async loadOlder(channelId) {
    const log = this.log(channelId);
    const before = log.oldestSeq();
    if (before === null || !log.hasMoreBefore) return 0;
    const { messages, has_more: hasMore } = await this.chatApi.history(channelId, { before, limit: PAGE_SIZE });
    log.hasMoreBefore = hasMore && messages.length > 0;
    this.ingest(messages);
    this.emit('messages', { channelId });
    return messages.length;
  }

  /** After a reconnection: the held messages again, for edits, deletions and reactions made meanwhile. */
  async refetchHeld(channelId) {
    const log = this.log(channelId);
    const oldest = log.oldestSeq();
    if (oldest === null) return;
    const newest = log.newestSeq();
    let after = oldest - 1;
    for (;;) {
      const page = await this.chatApi.history(channelId, { after, limit: REFETCH_PAGE_SIZE });
      this.ingest(page.messages);
      if (!page.has_more || page.messages.length === 0) break;
      after = page.messages[page.messages.length - 1].seq;
      if (after >= newest) break;
    }
  }

  /** The user saw the newest message of the open channel: moves the read marker there. */
  markRead(channelId) {
    const channel = this.channels.get(channelId);
    if (!channel?.channel.is_member) return;
    const seq = Math.max(this.log(channelId).newestSeq(), 0);
    if (seq <= channel.lastReadSeq) return;
    channel.markRead(seq);
    this.emit('channels');
    this.chatApi.markRead(channelId, seq).then(
      (answer) => this.readMoved(channelId, answer.last_read_seq),
      (error) => this.problem('Could not mark the channel read', error),
    );
  }

  /** The read marker is at `seq` (an answer, or read.updated from another tab). */
  readMoved(channelId, seq) {
    const channel = this.channels.get(channelId);
    if (!channel) return;
    if (!channel.markRead(seq)) {
      this.chatApi.getChannel(channelId).then(
        (fresh) => {
          channel.refresh(fresh);
          this.emit('channels');
        },
        (error) => this.problem('Could not update the unread count', error),
      );
    }
    this.emit('channels');
  }

  // ---- actions on messages ----

  async edit(messageId, text) {
    this.ingest([await this.chatApi.edit(messageId, text)]);
  }

  async remove(messageId) {
    const message = await this.chatApi.remove(messageId);
    this.channels.get(message.channel_id)?.deleted(message);
    this.ingest([message]);
  }

  /** Adds the user's reaction, or removes it when they reacted with this emoji already. */
  async toggleReaction(message, emoji) {
    const reacted = (message.reactions ?? []).some((r) => r.emoji === emoji && r.user_ids.includes(this.me.id));
    const updated = reacted ? await this.chatApi.unreact(message.id, emoji) : await this.chatApi.react(message.id, emoji);
    this.ingest([updated]);
  }

  // ---- actions on channels ----

  async createChannel({ name, kind, topic, members }) {
    const channel = await this.chatApi.createChannel(this.org.slug, { name, kind, topic: topic || undefined, members });
    const state = this.upsertChannel({ ...channel, is_member: true });
    this.emit('channels');
    this.emit('joined', { channelId: state.id });
    return state.channel;
  }

  async join(channelId) {
    const channel = await this.chatApi.join(channelId);
    this.upsertChannel({ ...channel, is_member: true });
    this.emit('channels');
    this.emit('joined', { channelId });
  }

  async leave(channelId) {
    await this.chatApi.leave(channelId);
    this.left(channelId);
  }

  /** The user is no longer a member of `channelId` (left, or removed by someone). */
  left(channelId) {
    const state = this.channels.get(channelId);
    if (!state) return;
    if (state.channel.kind === 'public') state.refresh({ ...state.channel, is_member: false, role: null });
    else this.channels.delete(channelId);
    this.emit('channels');
    this.emit('removed', { channelId });
  }

  async refreshChannels() {
    this.setChannels((await this.chatApi.listChannels(this.org.slug)).channels);
  }

  async refreshPresence() {
    const { members } = await this.chatApi.presence(this.org.slug);
    this.presence = new Map(members.map((m) => [m.user_id, m.status]));
    this.emit('presence');
  }

  /** A request made in the background failed: the views tell the user ('problem' {message}). */
  problem(what, error) {
    // A lost connection has its own banner, and what it interrupted is redone after reconnecting.
    if (error?.code === 'connection_lost' || error?.code === 'connection_closed') return;
    this.emit('problem', { message: `${what}: ${error?.message ?? error}` });
  }

  presenceOf(userId) {
    return this.presence.get(userId) ?? 'offline';
  }
}
