// The messages of one channel held by the client: a contiguous stretch of its history (the latest
// page, older pages loaded on scroll, live messages), thread replies included, ordered by seq.

export class MessageLog {
  constructor() {
    /** id -> message */
    this.byId = new Map();
    /** Older messages exist before the oldest held (unknown until a history page says). */
    this.hasMoreBefore = true;
    /** The latest page was loaded (otherwise only live messages are held). */
    this.loaded = false;
    /** Held messages may have changed unseen (edits while disconnected): refetch before showing. */
    this.stale = false;
    this.sortedCache = null;
  }

  get size() {
    return this.byId.size;
  }

  get(id) {
    return this.byId.get(id);
  }

  /** Adds or replaces a message (the server's copy is always the newer one). */
  merge(message) {
    this.byId.set(message.id, message);
    this.sortedCache = null;
  }

  /** Applies a reaction event {message_id, emoji, user_id} to a held message; answers it, if held. */
  react({ message_id: id, emoji, user_id: userId }, added) {
    const message = this.byId.get(id);
    if (!message) return undefined;
    const reactions = (message.reactions ?? []).map((r) => ({ ...r, user_ids: [...r.user_ids] }));
    let reaction = reactions.find((r) => r.emoji === emoji);
    if (added) {
      if (!reaction) reactions.push((reaction = { emoji, count: 0, user_ids: [] }));
      if (!reaction.user_ids.includes(userId)) reaction.user_ids.push(userId);
    } else if (reaction) {
      reaction.user_ids = reaction.user_ids.filter((id2) => id2 !== userId);
    }
    for (const r of reactions) r.count = r.user_ids.length;
    const updated = { ...message, reactions: reactions.filter((r) => r.count > 0) };
    this.merge(updated);
    return updated;
  }

  /** Every held message, by seq. */
  sorted() {
    if (!this.sortedCache) this.sortedCache = [...this.byId.values()].sort((a, b) => a.seq - b.seq);
    return this.sortedCache;
  }

  /** The channel's own messages (not thread replies), by seq. */
  topLevel() {
    return this.sorted().filter((m) => m.parent_id === null || m.parent_id === undefined);
  }

  /** The replies to `parentId`, by seq. */
  replies(parentId) {
    return this.sorted().filter((m) => m.parent_id === parentId);
  }

  /** The lowest seq held, or null when empty. */
  oldestSeq() {
    const sorted = this.sorted();
    return sorted.length ? sorted[0].seq : null;
  }

  newestSeq() {
    const sorted = this.sorted();
    return sorted.length ? sorted[sorted.length - 1].seq : 0;
  }

  /** The client's own message with this client_id, if held. */
  byClientId(clientId, authorId) {
    for (const message of this.byId.values()) {
      if (message.client_id === clientId && message.author_id === authorId) return message;
    }
    return undefined;
  }
}
