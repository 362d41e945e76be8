// Dialogs of the channel list: "Create channel", "Browse channels" (public channels to join) and
// "New direct message".
import { h, replaceChildren, srOnly } from '../../dom.js';
import { openDialog } from '../dialog.js';
import { field, checkbox, submitForm, busyClick, valueOf } from '../form.js';

/** @param {import('../../chat/workspace.js').Workspace} workspace  @param {(id: number) => void} openChannel */
export function createChannelDialog(workspace, openChannel) {
  const { body, close } = openDialog({ title: 'Create channel', description: 'Channels are where your team talks about a topic.' });
  const name = field({ label: 'Channel name', name: 'name', autocomplete: 'off', placeholder: 'e.g. design-review' });
  const isPrivate = checkbox({ label: 'Private', name: 'private', description: 'Only people added to it can see and join it.' });
  const topic = field({ label: 'Topic', name: 'topic', autocomplete: 'off', hint: 'Optional: what the channel is about.' });
  const { form } = submitForm({
    rows: [name.row, isPrivate.row, topic.row],
    submitLabel: 'Create',
    wide: false,
    extraButtons: [cancel(close)],
    action: async () => {
      const channel = await workspace.createChannel({
        name: valueOf(name.input),
        kind: isPrivate.input.checked ? 'private' : 'public',
        topic: valueOf(topic.input),
      });
      close();
      openChannel(channel.id);
    },
  });
  body.append(form);
  name.input.focus();
}

export function browseChannelsDialog(workspace, openChannel) {
  const { body, close } = openDialog({ title: 'Browse channels', description: 'Public channels of this organization you are not in.', wide: true });
  const list = h('ul', { class: 'browse-list' });
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading channels…');
  body.append(status, list);

  function render() {
    const open = [...workspace.channels.values()]
      .filter((c) => c.channel.kind === 'public' && !c.channel.is_member && !c.channel.archived)
      .sort((a, b) => a.channel.name.localeCompare(b.channel.name));
    status.textContent = open.length ? '' : 'You are in every public channel.';
    replaceChildren(list, open.map(({ channel }) => {
      const error = h('div', { class: 'row-error' });
      return h('li', { class: 'browse-item' },
        h('div', { class: 'browse-text' },
          h('span', { class: 'browse-name' }, `# ${channel.name}`),
          channel.topic ? h('span', { class: 'browse-topic' }, channel.topic) : null,
          error),
        h('button', {
          type: 'button',
          class: 'button',
          onclick: busyClick(async () => {
            await workspace.join(channel.id);
            close();
            openChannel(channel.id);
          }, (failure) => replaceChildren(error, h('p', { role: 'alert', class: 'form-error' }, failure.message))),
        }, h('span', { 'aria-hidden': 'true' }, 'Join'), srOnly(`Join ${channel.name}`)));
    }));
  }
  render();
  // The list may be older than the dialog: reload it for channels created meanwhile.
  workspace.refreshChannels().then(render, (error) => {
    status.textContent = error.message;
  });
}

export function directMessageDialog(workspace, openChannel) {
  const { body, close } = openDialog({ title: 'New direct message', description: 'Start a private conversation with one or more people.' });
  const filter = field({ label: 'Find people', name: 'filter', type: 'search', autocomplete: 'off' });
  const people = h('div', { class: 'people-list', role: 'group', 'aria-label': 'People' });
  const boxes = [];
  const others = [...workspace.members.values()].filter((m) => m.id !== workspace.me.id);
  for (const member of others) {
    const box = checkbox({ label: member.display_name, name: 'members' });
    box.input.value = String(member.id);
    box.row.dataset.search = `${member.display_name} ${member.email}`.toLowerCase();
    box.row.querySelector('label').prepend(presenceLabel(workspace, member.id));
    boxes.push(box);
    people.append(box.row);
  }
  if (others.length === 0) people.append(h('p', { class: 'muted' }, 'Nobody else is in this organization yet. Invite people first.'));
  filter.input.addEventListener('input', () => {
    const query = filter.input.value.trim().toLowerCase();
    for (const box of boxes) box.row.hidden = query !== '' && !box.row.dataset.search.includes(query);
  });
  const { form } = submitForm({
    rows: [others.length > 6 ? filter.row : null, people],
    submitLabel: 'Start conversation',
    wide: false,
    extraButtons: [cancel(close)],
    action: async () => {
      const members = boxes.filter((b) => b.input.checked).map((b) => Number(b.input.value));
      if (members.length === 0) throw new Error('members: choose at least one person');
      const channel = await workspace.createChannel({ kind: 'direct', members });
      close();
      openChannel(channel.id);
    },
  });
  body.append(form);
  (boxes[0]?.input ?? form.querySelector('button')).focus();
}

function cancel(close) {
  return h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Cancel');
}

function presenceLabel(workspace, userId) {
  const status = workspace.presenceOf(userId);
  return h('span', { class: 'presence', 'data-presence': status, 'data-user-id': userId, 'aria-hidden': 'true' });
}
