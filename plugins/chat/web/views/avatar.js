// Avatars (initials on a colour picked from the user id) and presence dots.
import { h } from '../dom.js';
import { initials } from '../lib/names.js';

const COLOURS = 8;

export function avatar(userId, name, size = 'normal') {
  return h('span', { class: ['avatar', `avatar-c${Math.abs(userId ?? 0) % COLOURS}`, size === 'small' && 'avatar-small'], 'aria-hidden': 'true' }, initials(name));
}

/** The presence dot: class presence, data-presence and aria-label online | away | offline. */
export function presenceDot(userId, status) {
  return h('span', { class: 'presence', 'data-presence': status, 'data-user-id': userId, 'aria-label': status, role: 'img' });
}

/** Updates every presence dot under `root` from `presenceOf(userId)`. */
export function refreshPresenceDots(root, presenceOf) {
  for (const dot of root.querySelectorAll('.presence[data-user-id]')) {
    const status = presenceOf(Number(dot.dataset.userId));
    if (dot.dataset.presence !== status) {
      dot.dataset.presence = status;
      dot.setAttribute('aria-label', status);
    }
  }
}
