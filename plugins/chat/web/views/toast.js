// Short notices at the bottom of the screen: progress and results of actions that have no form of their
// own (an export, a failed reaction). Errors are alerts; other notices are polite status messages.
import { h, srOnly } from '../dom.js';

const SHOWN_MS = { info: 4000, error: 8000 };
let region = null;

function ensureRegion() {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toasts' });
    document.body.append(region);
  }
  return region;
}

/**
 * Shows `message`; answers a function that removes it (for notices that last as long as a task).
 * @param {{kind?: 'info'|'error', sticky?: boolean}} options
 */
export function toast(message, { kind = 'info', sticky = false } = {}) {
  const item = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { class: 'toast-text' }, message),
    h('button', { type: 'button', class: 'toast-close', title: 'Dismiss', onclick: () => item.remove() }, h('span', { 'aria-hidden': 'true' }, '×'), srOnly('Dismiss')),
  );
  ensureRegion().append(item);
  const remove = () => item.remove();
  if (!sticky) setTimeout(remove, SHOWN_MS[kind] ?? SHOWN_MS.info);
  return remove;
}

/** Shows an error's message (the API's words). */
export function toastError(error, prefix = '') {
  return toast(`${prefix}${error?.message ?? String(error)}`, { kind: 'error' });
}
