// The thread panel (<aside aria-label="Thread">): the parent message, its replies, and a composer
// labelled "Reply". Shown while the workspace has a thread open; Escape or "Close thread" closes it.
import { h, replaceChildren, srOnly } from '../dom.js';
import { icon } from './icons.js';
import { MessageList } from './messageList.js';
import { messageContext } from './messageContext.js';
import { composer } from './composer.js';
import { refreshPresenceDots } from './avatar.js';
import { timeline } from '../lib/timeline.js';

/** A holder that shows the open thread, if any; answers {element, dispose}. */
export function threadPanel(session, workspace, onClosed) {
  const holder = h('div', { class: 'thread-holder' });
  let current = null;

  function show() {
    current?.dispose();
    current = null;
    const parentId = workspace.threadParentId;
    const channelId = workspace.openChannelId;
    if (parentId === null || channelId === null) {
      holder.replaceChildren();
      holder.classList.remove('open');
      return;
    }
    current = panel(session, workspace, channelId, parentId, () => {
      workspace.closeThread();
      onClosed();
    });
    replaceChildren(holder, current.element);
    holder.classList.add('open');
    current.focus();
  }

  const stop = workspace.on('thread', show);
  show();
  return { element: holder, dispose: () => { stop(); current?.dispose(); } };
}

function panel(session, workspace, channelId, parentId, close) {
  const log = workspace.log(channelId);
  const scroller = h('div', { class: 'message-scroller thread-scroller', 'aria-live': 'polite' });
  const loading = h('p', { class: 'history-status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading thread…');
  const list = new MessageList({
    items: () => {
      const parent = log.get(parentId);
      if (!parent) return [];
      return [{ key: `m:${parent.id}`, message: parent }, ...timeline(log.replies(parentId), session.outbox.forChannel(channelId, parentId))];
    },
    ctx: messageContext(workspace, session.sender),
    inThread: true,
    threadDivider: true,
    scroller,
  });
  scroller.append(loading, list.list);

  const box = composer({
    label: 'Reply',
    buttonLabel: 'Post reply',
    placeholder: 'Reply…',
    draftKey: `${channelId}:${parentId}`,
    send: (text) => {
      session.sender.send({ channelId, parentId, text, authorId: workspace.me.id });
      list.render({ followOwn: true });
    },
    typing: () => {},
    mentionable: () => [...workspace.members.values()].filter((m) => m.id !== workspace.me.id),
  });

  const channel = workspace.channels.get(channelId)?.channel;
  const element = h(
    'aside',
    { class: 'thread-panel', 'aria-label': 'Thread' },
    h('div', { class: 'thread-header' },
      h('div', {},
        h('h2', {}, 'Thread'),
        channel ? h('p', { class: 'muted' }, channel.kind === 'direct' ? workspace.nameOf(channel) : `#${channel.name}`) : null),
      h('button', { type: 'button', class: 'icon-button', title: 'Close thread', onclick: close }, icon('close'), srOnly('Close thread'))),
    scroller,
    h('div', { class: 'conversation-bottom' }, box.element),
  );
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && !event.target.closest('.edit-form, .reaction-menu')) {
      event.preventDefault();
      close();
    }
  });

  const render = () => {
    loading.hidden = Boolean(log.get(parentId));
    list.render();
  };
  const stops = [
    workspace.on('messages', (detail) => { if (detail.channelId === channelId) render(); }),
    session.sender.on('change', (detail) => { if (detail.channelId === channelId && detail.parentId === parentId) render(); }),
    workspace.on('presence', () => refreshPresenceDots(list.list, (id) => workspace.presenceOf(id))),
    workspace.on('members', () => { list.invalidate(); render(); }),
  ];
  render();
  return { element, focus: () => box.focus(), dispose: () => stops.forEach((stop) => stop()) };
}
