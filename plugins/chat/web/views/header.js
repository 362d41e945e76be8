// The banner: the organization switcher, the actions the user's roles allow (invite, export, backups),
// the user's name and presence, and sign-out. On a narrow window it also holds the "Channels" button
// that shows the channel list.
import { h, srOnly } from '../dom.js';
import { icon } from './icons.js';
import { logo } from './brand.js';
import { presenceDot } from './avatar.js';
import { toast, toastError } from './toast.js';
import { inviteDialog, backupsDialog, newOrganizationDialog } from './dialogs/adminDialogs.js';
import { orgHref } from '../lib/router.js';

/**
 * @param {object} options
 * @param {import('../chat/session.js').ChatSession} options.session
 * @param {import('../chat/workspace.js').Workspace} options.workspace
 * @param {() => void} options.toggleSidebar
 * @param {() => void} options.onSignedOut
 */
export function header({ session, workspace, toggleSidebar, onSignedOut }) {
  const { api, me } = session;
  const org = workspace.org;

  const orgSelect = h('select', { id: 'org-select', class: 'org-select' },
    [...session.memberships]
      .sort((a, b) => a.org.name.localeCompare(b.org.name))
      .map((m) => h('option', { value: m.org.slug, selected: m.org.slug === org.slug }, m.org.name)));
  orgSelect.value = org.slug;
  orgSelect.addEventListener('change', () => {
    location.hash = orgHref(orgSelect.value);
  });

  const channelsToggle = h('button', {
    type: 'button', class: 'icon-button channels-toggle', 'aria-expanded': 'false', 'aria-controls': 'sidebar', onclick: toggleSidebar,
  }, icon('menu'), h('span', { class: 'toggle-label' }, 'Channels'));

  const selfDot = presenceDot(me.id, workspace.presenceOf(me.id));
  const stopPresence = workspace.on('presence', () => {
    const status = workspace.presenceOf(me.id);
    selfDot.dataset.presence = status;
    selfDot.setAttribute('aria-label', status);
  });

  const element = h(
    'header',
    { class: 'topbar' },
    channelsToggle,
    h('a', { class: 'brand', href: '#/', title: 'OComms' }, logo(28), srOnly('OComms home')),
    h('div', { class: 'org-switch' },
      h('label', { for: 'org-select', class: 'sr-only' }, 'Organization'),
      orgSelect,
      action('New organization', 'building', () => newOrganizationDialog(api, async (created) => {
        await session.refreshMe();
        location.hash = orgHref(created.slug);
      }), 'quiet')),
    h('div', { class: 'topbar-spacer' }),
    h('div', { class: 'topbar-actions' },
      workspace.isAdmin ? action('Invite people', 'userPlus', () => inviteDialog(api, org)) : null,
      org.role === 'owner' ? action('Export organization', 'download', (event) => exportOrganization(api, org, event.currentTarget)) : null,
      me.instance_admin ? action('Backups', 'archive', () => backupsDialog(api)) : null),
    h('div', { class: 'user-chip' }, selfDot, h('span', { class: 'user-name' }, me.display_name)),
    action('Sign out', 'logout', async () => {
      try {
        await session.signOut();
        onSignedOut();
      } catch (error) {
        toastError(error, 'Could not sign out: ');
      }
    }, 'quiet'),
  );
  return { element, channelsToggle, dispose: stopPresence };
}

/** A header button: an icon and its name (the name is hidden on narrow windows, still read out). */
function action(label, iconName, onclick, variant = '') {
  return h('button', { type: 'button', class: ['header-button', variant], title: label, onclick }, icon(iconName), h('span', { class: 'header-label' }, label));
}

/** Downloads the organization's export under the file name the server gives it. */
async function exportOrganization(api, org, button) {
  button.disabled = true;
  const done = toast(`Preparing the export of ${org.name}…`, { sticky: true });
  try {
    const { blob, filename } = await api.download(`/api/orgs/${encodeURIComponent(org.slug)}/export`);
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: filename ?? `ocomms-export-${org.slug}.json`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    done();
    toast('Export downloaded.');
  } catch (error) {
    done();
    toastError(error, 'The export failed: ');
  } finally {
    button.disabled = false;
  }
}
