// The signed-in layout for one workspace: banner, connection banner, channel list, the open channel and
// the thread panel. On a narrow window the channel list slides over the page behind the "Channels"
// button (aria-expanded).
import { h, replaceChildren } from '../dom.js';
import { header } from './header.js';
import { connectionBanner } from './connectionBanner.js';
import { sidebar, channelKeys } from './sidebar.js';
import { conversation, emptyConversation } from './conversation.js';
import { threadPanel } from './thread.js';
import { createChannelDialog, browseChannelsDialog, directMessageDialog } from './dialogs/channelDialogs.js';
import { channelHref } from '../lib/router.js';
import { toast } from './toast.js';

const PROBLEM_REPEAT_MS = 10000;

const NARROW = '(max-width: 760px)';

/**
 * @param {object} options
 * @param {HTMLElement} options.root #app
 * @param {import('../chat/session.js').ChatSession} options.session
 * @param {import('../chat/workspace.js').Workspace} options.workspace
 * @param {() => void} options.onSignedOut
 */
export function shell({ root, session, workspace, onSignedOut }) {
  const slug = workspace.org.slug;
  const go = (channelId) => {
    location.hash = channelHref(slug, channelId);
  };
  const dialogs = {
    createChannel: () => createChannelDialog(workspace, go),
    browseChannels: () => browseChannelsDialog(workspace, go),
    newDirect: () => directMessageDialog(workspace, go),
  };

  const layout = h('div', { class: 'shell' });
  const top = header({ session, workspace, toggleSidebar: () => setSidebar(!layout.classList.contains('sidebar-open')), onSignedOut });
  const banner = connectionBanner(session, root);
  const nav = sidebar(workspace, { ...dialogs, navigate: () => setSidebar(false) });
  const main = h('main', { class: 'main', id: 'main' });
  const thread = threadPanel(session, workspace, () => current?.focus());
  const scrim = h('div', { class: 'scrim', 'aria-hidden': 'true', onclick: () => setSidebar(false) });
  const skip = h('button', { type: 'button', class: 'skip-link', onclick: () => current?.focus() }, 'Skip to the message box');
  layout.append(skip, top.element, banner.element, h('div', { class: 'shell-body' }, nav.element, scrim, main, thread.element));

  function setSidebar(open) {
    layout.classList.toggle('sidebar-open', open);
    top.channelsToggle.setAttribute('aria-expanded', String(open));
    if (open && matchMedia(NARROW).matches) nav.element.querySelector('a[aria-current], a, button')?.focus();
  }

  let current = null;
  let currentId = null;
  function showOpenChannel() {
    const channelId = workspace.openChannelId;
    if (channelId === currentId && current) return;
    current?.dispose();
    currentId = channelId;
    if (channelId === null || !workspace.channels.has(channelId)) {
      current = null;
      replaceChildren(main, emptyConversation(workspace, dialogs.createChannel));
      return;
    }
    localStorage.setItem(`ocomms.channel.${slug}`, String(channelId));
    current = conversation({
      session,
      workspace,
      channelId,
      leftChannel: () => openFirstChannel(),
    });
    replaceChildren(main, current.element);
    if (!matchMedia(NARROW).matches || !layout.classList.contains('sidebar-open')) current.focus();
  }

  /** Opens the remembered or the first channel of the list (after leaving one, or on #/o/<slug>). */
  function openFirstChannel() {
    const remembered = Number(localStorage.getItem(`ocomms.channel.${slug}`));
    const channels = workspace.memberChannels();
    const target = channels.find((c) => c.id === remembered && c.id !== workspace.openChannelId) ??
      channels.find((c) => c.channel.kind !== 'direct' && c.id !== workspace.openChannelId) ?? channels.find((c) => c.id !== workspace.openChannelId);
    if (target) location.replace(channelHref(slug, target.id));
    else {
      workspace.open(null);
      location.replace(`#/o/${encodeURIComponent(slug)}`);
    }
  }

  /** Opens channel `channelId` (from the route); a public channel the user is not in is shown to join. */
  async function openChannel(channelId) {
    if (!workspace.channels.has(channelId)) {
      let channel = null;
      try {
        channel = await session.chatApi.getChannel(channelId);
      } catch {
        // Not visible to this user: fall through to another channel.
      }
      if (channel?.org_id !== workspace.org.id) {
        openFirstChannel();
        return;
      }
      workspace.upsertChannel(channel);
      workspace.emit('channels');
    }
    workspace.open(channelId);
  }

  const onKey = (event) => {
    if (channelKeys(event, nav.element)) event.preventDefault();
    else if (event.key === 'Escape' && layout.classList.contains('sidebar-open')) {
      setSidebar(false);
      top.channelsToggle.focus();
    }
  };
  document.addEventListener('keydown', onKey);
  const lastShown = new Map(); // message -> time, so that a failing retry loop does not flood the screen
  const stops = [
    workspace.on('problem', ({ message }) => {
      if (Date.now() - (lastShown.get(message) ?? 0) < PROBLEM_REPEAT_MS) return;
      lastShown.set(message, Date.now());
      toast(message, { kind: 'error' });
    }),
    workspace.on('open', showOpenChannel),
    workspace.on('removed', ({ channelId }) => { if (channelId === workspace.openChannelId) openFirstChannel(); }),
  ];
  showOpenChannel();

  return {
    element: layout,
    openChannel,
    openFirstChannel,
    dispose() {
      document.removeEventListener('keydown', onKey);
      stops.forEach((stop) => stop());
      for (const part of [top, banner, nav, thread]) part.dispose?.();
      current?.dispose();
    },
  };
}
