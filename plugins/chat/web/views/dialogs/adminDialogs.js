// Dialogs of the header: "Invite people" (an invite link to copy), "Backups" (instance administrators:
// the runs and "Back up now") and "New organization".
import { h, replaceChildren } from '../../dom.js';
import { openDialog } from '../dialog.js';
import { field, FormError, submitForm, valueOf } from '../form.js';
import { organizationFields } from '../auth.js';
import { inviteLink } from '../../lib/router.js';
import { absoluteTime, relativeTime, byteSize } from '../../lib/time.js';

const BACKUP_POLL_MS = 1000;

export function inviteDialog(api, org) {
  const { body } = openDialog({ title: 'Invite people', description: `Anyone with this link can join ${org.name}. It works once and expires after a while.` });
  const link = field({ label: 'Invite link', name: 'invite_link', readonly: true, value: 'Creating a link…' });
  const role = h('select', { id: 'invite-role', name: 'role' }, h('option', { value: 'member' }, 'Member'), h('option', { value: 'admin' }, 'Admin'));
  const note = h('p', { class: 'field-hint', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button primary', disabled: true }, 'Copy link');
  const form = h('form', { class: 'dialog-form' });
  const errors = new FormError(form);
  form.append(
    h('div', { class: 'field' }, h('label', { for: 'invite-role' }, 'Joins as'), role),
    link.row, note, errors.holder,
    h('div', { class: 'form-actions end' }, copy),
  );
  form.addEventListener('submit', (event) => event.preventDefault());

  async function create() {
    errors.clear();
    copy.disabled = true;
    link.input.value = 'Creating a link…';
    try {
      const invite = await api.post(`/api/orgs/${encodeURIComponent(org.slug)}/invites`, { role: role.value });
      link.input.value = inviteLink(location.origin, invite.token);
      note.textContent = `Valid once, until ${absoluteTime(new Date(invite.expires_at))}.`;
      copy.disabled = false;
      link.input.select();
    } catch (error) {
      link.input.value = '';
      errors.show(error);
    }
  }
  copy.addEventListener('click', async () => {
    link.input.select();
    try {
      await navigator.clipboard.writeText(link.input.value);
    } catch {
      // Clipboard API unavailable (plain http on another host): the selected text copies the old way.
      document.execCommand('copy');
    }
    note.textContent = 'Link copied. Send it to the person you are inviting.';
  });
  role.addEventListener('change', create);
  body.append(form);
  create();
}

export function backupsDialog(api) {
  const { body } = openDialog({ title: 'Backups', description: 'Backups of the whole database of this instance, newest first.', wide: true, onClose: () => clearTimeout(timer) });
  const tableBody = h('tbody');
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading backups…');
  const errors = h('div', { class: 'form-error-holder' });
  const now = h('button', { type: 'button', class: 'button primary', onclick: () => backUpNow() }, 'Back up now');
  let runs = [];
  let timer = null;

  function render() {
    status.textContent = runs.length ? '' : 'No backups yet.';
    replaceChildren(tableBody, runs.map((run) => {
      const started = new Date(run.started_at);
      return h('tr', { 'data-backup-id': run.id, 'data-status': run.status },
        h('td', {}, h('span', { class: `backup-status status-${run.status}` }, run.status)),
        h('td', {}, h('time', { datetime: run.started_at, title: absoluteTime(started) }, relativeTime(started, new Date()))),
        h('td', { class: 'number' }, run.size !== null && run.size !== undefined ? byteSize(run.size) : '—'),
        h('td', {}, run.trigger === 'schedule' ? 'Scheduled' : 'On request'),
        h('td', { class: 'backup-detail' }, run.error ?? run.file ?? ''));
    }));
  }

  async function load() {
    clearTimeout(timer);
    try {
      runs = (await api.get('/api/admin/backups?limit=20')).backups;
      render();
    } catch (error) {
      status.textContent = '';
      replaceChildren(errors, h('div', { class: 'form-error', role: 'alert' }, error.message));
    }
    // Follow a running backup until it is ok or failed.
    if (runs.some((run) => run.status === 'running') && body.isConnected) timer = setTimeout(load, BACKUP_POLL_MS);
  }

  async function backUpNow() {
    errors.replaceChildren();
    now.disabled = true;
    try {
      const run = await api.post('/api/admin/backups');
      runs = [run, ...runs.filter((r) => r.id !== run.id)];
      render();
      await load();
    } catch (error) {
      replaceChildren(errors, h('div', { class: 'form-error', role: 'alert' }, error.message));
    } finally {
      now.disabled = false;
    }
  }

  body.append(
    h('div', { class: 'table-wrap' },
      h('table', { class: 'backups-table' },
        h('thead', {}, h('tr', {}, ['Status', 'Started', 'Size', 'Trigger', 'File or error'].map((t) => h('th', { scope: 'col' }, t)))),
        tableBody)),
    status, errors,
    h('div', { class: 'form-actions end' }, now),
  );
  load();
}

export function newOrganizationDialog(api, onCreated) {
  const { body, close } = openDialog({ title: 'New organization', description: 'You will be its owner.' });
  const org = organizationFields({ name: 'name', slug: 'slug' });
  const { form } = submitForm({
    rows: [org.name.row, org.slug.row],
    submitLabel: 'Create organization',
    wide: false,
    extraButtons: [h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Cancel')],
    action: async () => {
      const created = await api.post('/api/orgs', { name: valueOf(org.name.input), slug: valueOf(org.slug.input) });
      close();
      await onCreated(created);
    },
  });
  body.append(form);
  org.name.input.focus();
}
