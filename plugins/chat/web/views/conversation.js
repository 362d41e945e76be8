// The open channel (<main>): its name (h2) and topic, "Leave channel", the message log
// (role="log", "Messages"), who is typing, and the composer; for a public channel the user is not in,
// a "Join" prompt instead of the composer.
import { h, replaceChildren } from '../dom.js';
import { icon } from './icons.js';
import { MessageList } from './messageList.js';
import { messageContext } from './messageContext.js';
import { typingIndicator } from './typingIndicator.js';
import { composer } from './composer.js';
import { refreshPresenceDots, presenceDot } from './avatar.js';
import { toastError } from './toast.js';
import { busyClick } from './form.js';
import { closeReactionMenu } from './reactionMenu.js';
import { timeline } from '../lib/timeline.js';
import { TypingThrottle } from '../lib/typing.js';

const throttle = new TypingThrottle();

/**
 * @param {object} options
 * @param {import('../chat/session.js').ChatSession} options.session
 * @param {import('../chat/workspace.js').Workspace} options.workspace
 * @param {number} options.channelId
 * @param {(id: number|null) => void} options.leftChannel navigates away after leaving
 */
export function conversation({ session, workspace, channelId, leftChannel }) {
  const state = workspace.channels.get(channelId);
  const channel = state.channel;
  const log = workspace.log(channelId);
  const stops = [];

  const title = h('h2', { class: 'channel-title' });
  const topic = h('p', { class: 'channel-topic' });
  const headerActions = h('div', { class: 'channel-actions' });
  const channelHeader = h('div', { class: 'channel-header' },
    h('div', { class: 'channel-heading' },
      channelMark(workspace, channel),
      title),
    topic, headerActions);

  function renderHeader() {
    const c = workspace.channels.get(channelId)?.channel ?? channel;
    title.textContent = workspace.nameOf(c);
    topic.textContent = c.topic ?? '';
    topic.hidden = !c.topic;
    replaceChildren(headerActions, c.kind !== 'direct' && c.is_member
      ? h('button', { type: 'button', class: 'button quiet', onclick: leave }, 'Leave channel')
      : null);
    const unreadElsewhere = workspace.memberChannels().reduce((sum, other) => sum + (other.id === channelId ? 0 : other.unread), 0);
    document.title = `${unreadElsewhere ? `(${unreadElsewhere}) ` : ''}${c.kind === 'direct' ? '' : '#'}${workspace.nameOf(c)} · ${workspace.org.name} · OComms`;
  }

  const leave = busyClick(async () => {
    await workspace.leave(channelId);
    leftChannel(channelId);
  }, (error) => toastError(error, 'Could not leave the channel: '));

  const historyStatus = h('div', { class: 'history-status' });
  const scroller = h('div', { class: 'message-scroller', role: 'log', 'aria-label': 'Messages', tabindex: -1 });
  const list = new MessageList({
    items: () => timeline(log.topLevel(), session.outbox.forChannel(channelId, null)),
    ctx: messageContext(workspace, session.sender),
    firstUnreadSeq: state.unread > 0 ? state.lastReadSeq + 1 : null,
    scroller,
    onReachTop: () => loadOlder(),
    onReachBottom: () => markRead(),
  });
  scroller.append(historyStatus, list.list);

  let loadingOlder = false;
  async function loadOlder() {
    if (loadingOlder || !log.loaded || !log.hasMoreBefore) return;
    loadingOlder = true;
    renderHistoryStatus();
    try {
      await workspace.loadOlder(channelId);
    } catch (error) {
      toastError(error, 'Could not load earlier messages: ');
    } finally {
      loadingOlder = false;
      renderHistoryStatus();
    }
    // A short page may not fill the screen, and then no scroll would ask for more.
    if (log.hasMoreBefore && scroller.isConnected && scroller.scrollHeight <= scroller.clientHeight) loadOlder();
  }

  function renderHistoryStatus() {
    const c = workspace.channels.get(channelId)?.channel ?? channel;
    if (!log.loaded || loadingOlder) historyStatus.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading messages…');
    else if (!log.hasMoreBefore) {
      historyStatus.replaceChildren(h('div', { class: 'channel-start' },
        h('p', { class: 'channel-start-title' }, c.kind === 'direct' ? `Your conversation with ${workspace.nameOf(c)}` : `This is the very beginning of ${c.kind === 'private' ? '' : '#'}${c.name}`),
        c.topic ? h('p', { class: 'muted' }, c.topic) : null));
    } else historyStatus.replaceChildren();
  }

  function markRead() {
    if (document.visibilityState === 'visible' && log.loaded) workspace.markRead(channelId);
  }

  function render(options) {
    renderHistoryStatus();
    list.render(options);
  }

  const typing = typingIndicator(workspace, channelId);
  const bottom = h('div', { class: 'conversation-bottom' });
  const jumpHolder = h('div', { class: 'jump-holder' }, list.jump);

  function renderBottom() {
    const c = workspace.channels.get(channelId)?.channel ?? channel;
    if (c.is_member) {
      const box = composer({
        label: 'Message',
        buttonLabel: 'Send',
        placeholder: `Message ${c.kind === 'direct' ? workspace.nameOf(c) : `#${c.name}`}`,
        draftKey: `${channelId}`,
        send: (text) => {
          throttle.reset(channelId);
          session.sender.send({ channelId, text, authorId: workspace.me.id });
          list.render({ followOwn: true });
        },
        typing: () => {
          if (throttle.shouldSend(channelId, Date.now())) session.socket.notify('typing', { channel_id: channelId });
        },
        editLast: () => list.editLast(),
        mentionable: () => [...workspace.members.values()].filter((m) => m.id !== workspace.me.id),
      });
      replaceChildren(bottom, typing.element, box.element);
      return box;
    }
    replaceChildren(bottom, h('div', { class: 'join-prompt' },
      h('p', {}, `You are viewing #${c.name}. Join it to post.`),
      h('button', {
        type: 'button',
        class: 'button primary',
        onclick: busyClick(() => workspace.join(channelId), (error) => toastError(error, 'Could not join: ')),
      }, 'Join channel')));
    return null;
  }

  const element = h('div', { class: 'conversation' }, channelHeader, h('div', { class: 'scroller-wrap' }, scroller, jumpHolder), bottom);
  renderHeader();
  let box = renderBottom();

  stops.push(
    workspace.on('messages', (detail) => { if (detail.channelId === channelId) render(); }),
    session.sender.on('change', (detail) => { if (detail.channelId === channelId && detail.parentId === null) render(); }),
    workspace.on('presence', () => refreshPresenceDots(element, (id) => workspace.presenceOf(id))),
    workspace.on('members', () => { list.invalidate(); render(); renderHeader(); }),
    workspace.on('channels', renderHeader),
    workspace.on('joined', (detail) => { if (detail.channelId === channelId) { renderHeader(); box = renderBottom(); box?.focus(); } }),
  );
  const visible = () => { if (list.isAtBottom()) markRead(); };
  document.addEventListener('visibilitychange', visible);
  stops.push(() => document.removeEventListener('visibilitychange', visible), typing.dispose);

  render();
  workspace.prepare(channelId).then(
    () => {
      render();
      if (scroller.scrollHeight <= scroller.clientHeight) loadOlder();
    },
    (error) => {
      historyStatus.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `Could not load the messages: ${error.message}`));
    },
  );

  return {
    element,
    focus: () => box?.focus(),
    dispose: () => {
      closeReactionMenu();
      stops.forEach((stop) => stop());
    },
  };
}

/** Before the channel's name: # or a lock, or the other person's presence in a direct conversation. */
function channelMark(workspace, channel) {
  if (channel.kind !== 'direct') {
    return h('span', { class: 'channel-kind', 'aria-hidden': 'true' }, icon(channel.kind === 'private' ? 'lock' : 'hash'));
  }
  const others = (channel.members ?? []).filter((id) => id !== workspace.me.id);
  return others.length === 1 ? h('span', { class: 'channel-kind' }, presenceDot(others[0], workspace.presenceOf(others[0]))) : null;
}

/** The main column when no channel is open. */
export function emptyConversation(workspace, createChannel) {
  const hasChannels = workspace.memberChannels().length > 0;
  return h('div', { class: 'conversation empty-state' },
    h('div', { class: 'empty-card' },
      h('h2', {}, hasChannels ? 'Pick a channel' : `Welcome to ${workspace.org.name}`),
      h('p', { class: 'muted' }, hasChannels ? 'Choose a channel or a conversation on the left.' : 'There are no channels yet. Create the first one to start talking.'),
      hasChannels ? null : h('button', { type: 'button', class: 'button primary', onclick: createChannel }, 'Create a channel')));
}
