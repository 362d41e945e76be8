// One channel as this user sees it: the server's channel object, the seq tracking used to resume, and
// the unread and mention counts kept up to date between refreshes of the channel list.
//
// The counts of a channel list cover every message up to that list's `last_seq` (its "base"). Messages
// received later are counted here once each (by seq, so a backlog replayed after a reconnection does not
// count twice) and remembered, so that a newer list can be combined with what arrived after it.
import { SeqTracker } from './seqTracker.js';

export class ChannelState {
  /**
   * @param {object} channel a channel of `channels.list` (with is_member, last_read_seq, unread, mentions)
   * @param {number} selfId the signed-in user's id
   */
  constructor(channel, selfId) {
    this.selfId = selfId;
    this.channel = { unread: 0, mentions: 0, last_read_seq: 0, ...channel };
    this.tracker = new SeqTracker(this.channel.last_seq ?? 0);
    this.base = this.channel.last_seq ?? 0;
    this.serverUnread = this.channel.unread;
    this.serverMentions = this.channel.mentions;
    /** seq -> {unread, mention} of messages received after `base` */
    this.recent = new Map();
  }

  get id() { return this.channel.id; }
  get lastSeq() { return this.channel.last_seq ?? 0; }
  get lastReadSeq() { return this.channel.last_read_seq ?? 0; }
  get unread() { return this.channel.unread; }
  get mentions() { return this.channel.mentions; }
  /** The seq to resubscribe after. */
  get resumeSeq() { return this.tracker.contiguous; }

  /**
   * A message of this channel arrived (event, backlog or history). Answers true when its seq is new.
   * Counts it as unread when it is someone else's, not deleted, and after the read marker.
   */
  receive(message) {
    this.noteSeq(message.seq);
    const isNew = this.tracker.accept(message.seq);
    if (message.seq > this.base && !this.recent.has(message.seq)) {
      const unread = message.author_id !== this.selfId && !message.deleted && message.seq > this.lastReadSeq;
      const mention = unread && (message.mentions ?? []).includes(this.selfId);
      this.recent.set(message.seq, { unread, mention });
      this.recount();
    }
    return isNew;
  }

  /** A message was deleted: it no longer counts as unread. */
  deleted(message) {
    const counted = this.recent.get(message.seq);
    if (counted) {
      this.recent.set(message.seq, { unread: false, mention: false });
      this.recount();
    }
  }

  /** The channel's latest seq is at least `seq` (an ack of one's own message, say). */
  noteSeq(seq) {
    if (Number.isInteger(seq) && seq > this.lastSeq) this.channel.last_seq = seq;
  }

  /**
   * The read marker moved to `seq` (read.mark's answer, or read.updated from another tab). Answers false
   * when the counts can no longer be known here (the marker stops inside what the last list counted),
   * in which case the caller refreshes the channel from the server.
   */
  markRead(seq) {
    if (seq <= this.lastReadSeq) return true;
    this.channel.last_read_seq = seq;
    if (seq < this.base) return false;
    this.serverUnread = 0;
    this.serverMentions = 0;
    for (const key of this.recent.keys()) if (key <= seq) this.recent.delete(key);
    this.recount();
    return true;
  }

  /** A newer copy of the channel from the server (channels.list, channel.get, channel.updated). */
  refresh(channel) {
    const hasCounts = Number.isInteger(channel.unread);
    const { unread, mentions, last_read_seq: lastRead, last_seq: lastSeq, ...rest } = channel;
    Object.assign(this.channel, rest);
    if (!hasCounts) {
      this.noteSeq(lastSeq);
      return;
    }
    if (Number.isInteger(lastRead)) this.channel.last_read_seq = Math.max(this.lastReadSeq, lastRead);
    this.noteSeq(lastSeq);
    if (lastSeq < this.base) return; // older than what is counted here already
    this.base = lastSeq;
    this.serverUnread = unread;
    this.serverMentions = mentions;
    for (const key of this.recent.keys()) if (key <= lastSeq) this.recent.delete(key);
    this.recount();
  }

  recount() {
    let unread = this.serverUnread;
    let mentions = this.serverMentions;
    for (const [seq, counted] of this.recent) {
      if (seq <= this.lastReadSeq) continue;
      if (counted.unread) unread += 1;
      if (counted.mention) mentions += 1;
    }
    this.channel.unread = unread;
    this.channel.mentions = mentions;
  }
}
