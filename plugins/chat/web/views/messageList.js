// A scrolling list of messages (the channel's, or a thread's): renders the timeline with day separators,
// the unread line and author grouping; re-renders only the messages that changed; keeps the reader's
// place when messages arrive or older ones load above; follows new messages only when the reader is at
// the bottom (otherwise offers "New messages"); moves focus between messages with the arrow keys.
import { h } from '../dom.js';
import { icon } from './icons.js';
import { renderMessage, signature, normalise } from './message.js';
import { editForm } from './editForm.js';
import { dayKey, dayLabel, withinMinutes } from '../lib/time.js';

const GROUP_MINUTES = 5;
const BOTTOM_SLACK_PX = 48;

export class MessageList {
  /**
   * @param {object} options
   * @param {() => object[]} options.items the timeline items, in order
   * @param {object} options.ctx the MessageContext of message.js (its actions.startEdit is provided here)
   * @param {boolean} [options.inThread]
   * @param {number|null} [options.firstUnreadSeq] where the "New" line goes
   * @param {HTMLElement} options.scroller the scrolling element
   * @param {() => void} [options.onReachTop] the reader came near the top (load older)
   * @param {() => void} [options.onReachBottom] the newest message is in view (mark read)
   * @param {boolean} [options.threadDivider] the first item is a thread's parent: a divider follows it
   */
  constructor({ items, ctx, inThread = false, firstUnreadSeq = null, scroller, onReachTop, onReachBottom, threadDivider = false }) {
    Object.assign(this, { items, inThread, firstUnreadSeq, scroller, onReachTop, onReachBottom, threadDivider });
    // Inherits rather than spreads `ctx`: a spread would freeze its getters (members, names) as they are now.
    this.ctx = Object.create(ctx, { actions: { value: { ...ctx.actions, startEdit: (m) => this.startEdit(m) } } });
    this.cache = new Map(); // key -> {signature, node}
    this.keyOf = new WeakMap(); // node -> key
    this.editingKey = null;
    this.list = h('div', { class: 'message-items' });
    this.jump = h('button', { type: 'button', class: 'jump-button', hidden: true, onclick: () => this.scrollToBottom(true) },
      icon('arrowDown'), 'New messages');
    this.unseen = false;
    this.lastKeys = new Set();
    // Scrolled to the newest message once, in the page: a list first rendered before the page holds it
    // (a channel whose messages are held already) cannot scroll then, and opens at the newest next time.
    this.placed = false;
    scroller.addEventListener('scroll', () => this.scrolled(), { passive: true });
    this.list.addEventListener('keydown', (event) => this.keydown(event));
    this.list.addEventListener('focusin', (event) => this.focusMoved(event.target, true));
    this.list.addEventListener('focusout', (event) => this.focusMoved(event.target, false));
  }

  isAtBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight <= BOTTOM_SLACK_PX;
  }

  scrollToBottom(smooth = false) {
    this.scroller.scrollTo({ top: this.scroller.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    this.unseen = false;
    this.jump.hidden = true;
  }

  /** Forgets rendered messages (names or presence changed for everyone). */
  invalidate() {
    this.cache.clear();
  }

  /** Renders the current items; `followOwn`: scroll down even if the reader was not at the bottom. */
  render({ followOwn = false } = {}) {
    const wasAtBottom = this.isAtBottom();
    const anchor = wasAtBottom ? null : this.anchor();
    const items = this.items();
    const nodes = [];
    const keys = new Set();
    let previous = null;
    let previousDay = null;
    let unreadPlaced = false;
    let arrived = false; // a message after one shown already: newer (older ones, loaded above, are not news)
    let pastShown = false;
    for (const item of items) {
      const m = normalise(item);
      const created = new Date(m.created_at);
      const day = dayKey(created);
      let separated = false;
      if (day !== previousDay) {
        nodes.push(this.separator(`day:${day}`, 'day-separator', dayLabel(created, new Date())));
        previousDay = day;
        separated = true;
      }
      // The "New" line goes where read meets unread; not at the top of a page that starts unread.
      if (!unreadPlaced && this.firstUnreadSeq !== null && previous !== null && previous.seq !== null && previous.seq < this.firstUnreadSeq &&
          m.seq !== null && m.seq >= this.firstUnreadSeq && m.author_id !== this.ctx.me.id) {
        nodes.push(this.separator('unread', 'unread-separator', 'New'));
        unreadPlaced = true;
        separated = true;
      }
      const grouped = !separated && previous !== null && previous.author_id === m.author_id && !previous.deleted &&
        withinMinutes(new Date(previous.created_at), created, GROUP_MINUTES);
      nodes.push(this.node(item, grouped));
      keys.add(item.key);
      if (this.lastKeys.has(item.key)) pastShown = true;
      else if (pastShown) arrived = true;
      previous = m;
      if (this.threadDivider && item === items[0]) {
        const replies = items.length - 1;
        nodes.push(this.separator('thread', 'thread-divider', replies === 1 ? '1 reply' : `${replies} replies`));
        previous = null; // the first reply starts a new group
      }
    }
    for (const key of this.cache.keys()) if (!keys.has(key) && !key.startsWith('sep:')) this.cache.delete(key);
    const firstShown = !this.placed || this.lastKeys.size === 0;
    if (keys.size > 0 && this.scroller.isConnected) this.placed = true;
    this.lastKeys = keys;
    const stop = this.list.querySelector('article[tabindex="0"]');
    const stopWasNewest = stop !== null && stop === this.list.querySelector('article:last-of-type');
    reconcile(this.list, nodes);
    // One message is the list's tab stop: the newest, until the reader moves to another.
    const articles = this.list.querySelectorAll('article');
    const newest = articles[articles.length - 1];
    const current = this.list.querySelector('article[tabindex="0"]');
    if (newest && newest !== current && (current === null || stopWasNewest)) {
      if (current) current.tabIndex = -1;
      newest.tabIndex = 0;
    }

    if (wasAtBottom || followOwn || firstShown) this.scrollToBottom();
    else {
      this.restore(anchor);
      if (arrived && !this.isAtBottom()) {
        this.unseen = true;
        this.jump.hidden = false;
      }
    }
    if (this.isAtBottom()) this.onReachBottom?.();
  }

  node(item, grouped) {
    if (item.key === this.editingKey && item.message) {
      const cached = this.cache.get(item.key);
      if (cached?.editing) return cached.node;
      const node = renderMessage(item, { grouped, inThread: this.inThread }, this.ctx);
      node.querySelector('.content')?.replaceWith(editForm(item.message, {
        save: async (text) => {
          await this.ctx.actions.edit(item.message, text);
          this.stopEdit(true);
        },
        cancel: () => this.stopEdit(true),
      }));
      node.classList.add('editing');
      this.cache.set(item.key, { signature: null, node, editing: true });
      this.keyOf.set(node, item.key);
      return node;
    }
    const sig = signature(item, grouped);
    const cached = this.cache.get(item.key);
    if (cached && cached.signature === sig) return cached.node;
    const node = renderMessage(item, { grouped, inThread: this.inThread }, this.ctx);
    if (cached?.node.contains(document.activeElement)) {
      // Keep keyboard focus on the same control of the re-rendered message.
      const action = document.activeElement.dataset?.action;
      queueMicrotask(() => (node.querySelector(`[data-action="${action}"]`) ?? node).focus({ preventScroll: true }));
    }
    this.cache.set(item.key, { signature: sig, node });
    this.keyOf.set(node, item.key);
    return node;
  }

  separator(key, className, text) {
    const cacheKey = `sep:${key}:${text}`;
    if (!this.cache.has(cacheKey)) {
      this.cache.set(cacheKey, { node: h('div', { class: className, role: 'separator' }, h('span', {}, text)) });
    }
    return this.cache.get(cacheKey).node;
  }

  startEdit(message) {
    const item = this.items().find((i) => i.message?.id === message.id);
    if (!item) return;
    this.editingKey = item.key;
    this.cache.delete(item.key);
    this.render();
  }

  stopEdit(refocus) {
    const key = this.editingKey;
    this.editingKey = null;
    this.cache.delete(key);
    this.render();
    if (refocus) this.cache.get(key)?.node.focus({ preventScroll: true });
  }

  /** Edits the reader's newest message (ArrowUp in an empty composer); answers whether there was one. */
  editLast() {
    const own = this.items().filter((i) => i.message && !i.message.deleted && i.message.author_id === this.ctx.me.id);
    if (!own.length) return false;
    this.startEdit(own[own.length - 1].message);
    return true;
  }

  /** The first message in view (by key: its node may be re-rendered) and its distance from the top. */
  anchor() {
    const top = this.scroller.getBoundingClientRect().top;
    // Messages only: a day separator stays first when older messages of the same day arrive above it.
    for (const node of this.list.querySelectorAll('article')) {
      const box = node.getBoundingClientRect();
      if (box.bottom > top) return { key: this.keyOf.get(node), offset: box.top - top };
    }
    return null;
  }

  restore(anchor) {
    const node = anchor && this.cache.get(anchor.key)?.node;
    if (!node?.isConnected) return;
    const top = this.scroller.getBoundingClientRect().top;
    this.scroller.scrollTop += node.getBoundingClientRect().top - top - anchor.offset;
  }

  scrolled() {
    if (this.scroller.scrollTop < 400) this.onReachTop?.();
    if (this.isAtBottom()) {
      this.unseen = false;
      this.jump.hidden = true;
      this.onReachBottom?.();
    }
  }

  // ---- keyboard: arrow keys move between messages; a message's buttons are tab stops only while it has focus ----

  keydown(event) {
    if (!['ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) return;
    if (event.target.closest('textarea, input, .reaction-menu')) return;
    const articles = [...this.list.querySelectorAll('article')];
    const current = event.target.closest('article');
    if (!current || articles.length === 0) return;
    const index = articles.indexOf(current);
    const next = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: articles.length - 1 }[event.key];
    if (next < 0 || next >= articles.length) return;
    event.preventDefault();
    articles[next].focus();
  }

  focusMoved(target, entering) {
    const article = target.closest?.('article');
    if (!article) return;
    // After this event settles: is focus still inside the article?
    queueMicrotask(() => {
      const inside = article.contains(document.activeElement);
      for (const button of article.querySelectorAll('.actions button')) button.tabIndex = inside ? 0 : -1;
      if (entering && inside) {
        for (const other of this.list.querySelectorAll('article[tabindex="0"]')) if (other !== article) other.tabIndex = -1;
        article.tabIndex = 0;
      }
    });
  }
}

/** Makes `parent`'s children exactly `nodes`, moving only what is out of place. */
function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}
