// The channel list (<nav aria-label="Channels">): channels and direct conversations the user is in,
// with unread and mention badges and presence for direct ones, and the buttons that create, browse and
// start them. Alt+ArrowUp / Alt+ArrowDown move between channels from anywhere.
import { h, replaceChildren, srOnly } from '../dom.js';
import { icon } from './icons.js';
import { presenceDot } from './avatar.js';
import { channelHref } from '../lib/router.js';

/**
 * @param {import('../chat/workspace.js').Workspace} workspace
 * @param {{createChannel: Function, browseChannels: Function, newDirect: Function, navigate: Function}} actions
 */
export function sidebar(workspace, actions) {
  const channelList = h('ul', { class: 'channel-list' });
  const directList = h('ul', { class: 'channel-list' });
  const nav = h(
    'nav',
    { class: 'sidebar', id: 'sidebar', 'aria-label': 'Channels' },
    h('div', { class: 'sidebar-org' }, h('span', { class: 'sidebar-org-name' }, workspace.org.name), h('span', { class: 'sidebar-org-role' }, workspace.org.role)),
    h('div', { class: 'sidebar-scroll' },
      h('section', { class: 'sidebar-section' },
        h('div', { class: 'section-head' },
          h('h2', {}, 'Channels'),
          iconButton('Browse channels', 'compass', actions.browseChannels),
          iconButton('Create channel', 'plus', actions.createChannel)),
        channelList),
      h('section', { class: 'sidebar-section' },
        h('div', { class: 'section-head' },
          h('h2', {}, 'Direct messages'),
          iconButton('New direct message', 'plus', actions.newDirect)),
        directList)),
  );

  const items = new Map(); // channel id -> <li>, kept so that a focused link keeps focus

  function render() {
    const channels = workspace.memberChannels();
    const shown = new Set(channels.map((c) => c.id));
    for (const id of [...items.keys()]) if (!shown.has(id)) items.delete(id);
    fill(channelList, channels.filter((c) => c.channel.kind !== 'direct'), 'No channels yet');
    fill(directList, channels.filter((c) => c.channel.kind === 'direct'), 'No conversations yet');
  }

  function fill(list, states, emptyText) {
    const nodes = states.map((state) => {
      if (!items.has(state.id)) items.set(state.id, h('li', {}, h('a', { class: 'channel-link', onclick: () => actions.navigate() })));
      const li = items.get(state.id);
      update(li.firstChild, state);
      return li;
    });
    if (nodes.length === 0) nodes.push(h('li', { class: 'empty-note' }, emptyText));
    if (nodes.length !== list.children.length || nodes.some((node, i) => list.children[i] !== node)) list.replaceChildren(...nodes);
  }

  function update(a, state) {
    const c = state.channel;
    const others = (c.members ?? []).filter((id) => id !== workspace.me.id);
    const lead = c.kind === 'direct'
      ? (others.length === 1 ? presenceDot(others[0], workspace.presenceOf(others[0])) : h('span', { class: 'group-count', 'aria-hidden': 'true' }, String(others.length)))
      : icon(c.kind === 'private' ? 'lock' : 'hash', 'channel-icon');
    a.href = channelHref(workspace.org.slug, c.id);
    a.dataset.channelId = c.id;
    a.classList.toggle('has-unread', state.unread > 0);
    if (workspace.openChannelId === c.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    replaceChildren(
      a,
      lead,
      h('span', { class: 'channel-name' }, workspace.nameOf(c)),
      state.mentions > 0 ? h('span', { class: 'badge mentions', 'aria-label': `${state.mentions} mentions`, role: 'img' }, String(state.mentions)) : null,
      state.unread > 0 ? h('span', { class: 'badge unread', 'aria-label': `${state.unread} unread`, role: 'img' }, String(state.unread)) : null,
    );
  }

  const stops = [
    workspace.on('channels', render),
    workspace.on('open', render),
    workspace.on('presence', render),
    workspace.on('members', render),
  ];
  render();
  return { element: nav, dispose: () => stops.forEach((stop) => stop()) };
}

function iconButton(label, iconName, onclick) {
  return h('button', { type: 'button', class: 'icon-button small', title: label, onclick }, icon(iconName), srOnly(label));
}

/** Alt+ArrowUp/Down: the previous or next channel of the list. */
export function channelKeys(event, nav) {
  if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return false;
  const links = [...nav.querySelectorAll('a.channel-link')];
  if (!links.length) return false;
  const current = links.findIndex((a) => a.getAttribute('aria-current') === 'page');
  const next = event.key === 'ArrowUp' ? Math.max(0, current - 1) : Math.min(links.length - 1, current + 1);
  links[next].click();
  return true;
}
