// One message as an <article> (the contract of docs/web-client.md): data-message-id, data-seq,
// data-client-id and data-status; the author, a <time>, the text (mentions and links), "(edited)",
// the deleted note, reactions, the replies button, and the action buttons (shown on hover and focus).
import { h, srOnly } from '../dom.js';
import { icon } from './icons.js';
import { avatar, presenceDot } from './avatar.js';
import { textNodes } from './richTextView.js';
import { clockTime, absoluteTime, relativeTime } from '../lib/time.js';
import { displayName } from '../lib/names.js';
import { mentionsUser } from '../lib/richText.js';

export const REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🙏'];

/**
 * @typedef {object} MessageContext
 * @property {object} me the signed-in user
 * @property {Map<number, object>} members
 * @property {Map<string, number[]>} mentionNames
 * @property {(userId: number) => string} presenceOf
 * @property {object} actions {openThread, openReactions, toggleReaction, startEdit, remove, retry, discard}
 */

/** The fields of a timeline item a render depends on: a changed signature means a new render. */
export function signature(item, grouped) {
  const m = item.message;
  if (m) return JSON.stringify([m.text, m.edited_at, m.deleted, m.reactions, m.reply_count, m.last_reply_at, grouped]);
  const e = item.entry;
  return JSON.stringify([e.status, e.error, e.seq, grouped]);
}

/** A view of either a stored message or an outbox entry, in the message's own field names. */
export function normalise(item) {
  if (item.message) return { ...item.message, status: 'sent', pending: false };
  const e = item.entry;
  return {
    id: e.messageId, seq: e.seq, channel_id: e.channelId, parent_id: e.parentId, author_id: e.authorId, text: e.text,
    client_id: e.clientId, created_at: e.createdAt, edited_at: null, deleted: false, reply_count: 0, reactions: [],
    mentions: null, status: e.status, error: e.error, pending: true,
  };
}

/**
 * @param {object} item a timeline item ({message} or {entry})
 * @param {{grouped: boolean, inThread: boolean}} layout grouped: continues the previous author's run
 * @param {MessageContext} ctx
 */
export function renderMessage(item, { grouped, inThread }, ctx) {
  const m = normalise(item);
  const own = m.author_id === ctx.me.id;
  const author = displayName(ctx.members, m.author_id);
  const created = new Date(m.created_at);
  const mentionsMe = m.mentions ? m.mentions.includes(ctx.me.id) : mentionsUser(m.text, ctx.mentionNames, ctx.me.id);

  const time = h('time', { datetime: m.created_at, title: absoluteTime(created) }, clockTime(created));
  const article = h(
    'article',
    {
      class: ['message', grouped && 'grouped', own && 'own', mentionsMe && !m.deleted && 'mentions-me', m.deleted && 'deleted'],
      dataset: { messageId: m.id, seq: m.seq, clientId: m.client_id, status: m.status, authorId: m.author_id },
      tabindex: -1,
    },
    h('div', { class: 'gutter' }, grouped ? h('span', { class: 'gutter-time', 'aria-hidden': 'true' }, clockTime(created)) : avatar(m.author_id, author)),
    h(
      'div',
      { class: 'body' },
      h(
        'div',
        { class: ['meta', grouped && 'sr-only'] },
        h('span', { class: 'author' }, author),
        presenceDot(m.author_id, ctx.presenceOf(m.author_id)),
        time,
      ),
      m.deleted
        ? h('p', { class: 'deleted-note' }, 'This message was deleted')
        : h('div', { class: 'content' },
          h('span', { class: 'text' }, textNodes(m.text, ctx.mentionNames, ctx.me.id)),
          m.edited_at ? h('span', { class: 'edited', title: `Edited ${absoluteTime(new Date(m.edited_at))}` }, '(edited)') : null),
      statusLine(m, ctx),
      reactionsRow(m, ctx),
      !inThread && m.reply_count > 0 ? repliesRow(m, ctx) : null,
    ),
    m.deleted ? null : actionsBar(m, own, inThread, ctx),
  );
  return article;
}

function statusLine(m, ctx) {
  if (m.status === 'pending') return h('p', { class: 'status-note' }, 'Sending…');
  if (m.status !== 'failed') return null;
  return h(
    'div',
    { class: 'failed-note' },
    h('span', { class: 'failed-text' }, `Not sent: ${m.error}`),
    h('button', { type: 'button', class: 'link-button', onclick: () => ctx.actions.retry(m.client_id) }, 'Retry'),
    h('button', { type: 'button', class: 'link-button', onclick: () => ctx.actions.discard(m.client_id) }, 'Discard'),
  );
}

function reactionsRow(m, ctx) {
  if (!m.reactions?.length) return null;
  return h(
    'div',
    { class: 'reactions' },
    m.reactions.map((r) => {
      const mine = r.user_ids.includes(ctx.me.id);
      const names = r.user_ids.map((id) => (id === ctx.me.id ? 'you' : displayName(ctx.members, id)));
      return h(
        'button',
        {
          type: 'button',
          class: ['reaction', mine && 'mine'],
          'aria-pressed': mine ? 'true' : 'false',
          title: `${names.join(', ')} reacted with ${r.emoji}`,
          onclick: () => ctx.actions.toggleReaction(m, r.emoji),
        },
        `${r.emoji} ${r.count}`,
      );
    }),
  );
}

function repliesRow(m, ctx) {
  const label = m.reply_count === 1 ? '1 reply' : `${m.reply_count} replies`;
  const last = m.last_reply_at ? new Date(m.last_reply_at) : null;
  return h(
    'div',
    { class: 'replies-row' },
    h('button', { type: 'button', class: 'replies-button', onclick: () => ctx.actions.openThread(m) }, label),
    last ? h('time', { class: 'replies-last', datetime: m.last_reply_at, title: absoluteTime(last) }, `Last reply ${relativeTime(last, new Date())}`) : null,
  );
}

function actionButton(label, iconName, onclick, disabled) {
  return h(
    'button',
    { type: 'button', class: 'icon-button', title: label, tabindex: -1, onclick, disabled, 'data-action': label },
    icon(iconName),
    srOnly(label),
  );
}

function actionsBar(m, own, inThread, ctx) {
  const unsent = m.id === null || m.id === undefined;
  return h(
    'div',
    { class: 'actions' },
    actionButton('Add reaction', 'smile', (event) => ctx.actions.openReactions(m, event.currentTarget), unsent),
    inThread ? null : actionButton('Reply in thread', 'reply', () => ctx.actions.openThread(m), unsent),
    own ? actionButton('Edit message', 'pencil', () => ctx.actions.startEdit(m), unsent) : null,
    own ? actionButton('Delete message', 'trash', () => ctx.actions.remove(m), unsent) : null,
  );
}
