// Modal dialogs on the native <dialog>: focus moves in and is trapped while open, Escape closes, focus
// returns to what opened it. The dialog is named by its heading.
import { h, uid, srOnly } from '../dom.js';
import { icon } from './icons.js';

/**
 * Opens a dialog titled `title` holding `content` (built by the caller); answers {dialog, body, close}.
 * @param {{title: string, description?: string, wide?: boolean, onClose?: () => void}} options
 */
export function openDialog({ title, description, wide = false, onClose }) {
  const titleId = uid('dialog-title');
  const opener = document.activeElement;
  const body = h('div', { class: 'dialog-body' });
  const dialog = h(
    'dialog',
    { class: ['dialog', wide && 'dialog-wide'], 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'dialog-header' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'icon-button', title: 'Close', onclick: () => close() }, icon('close'), srOnly('Close')),
    ),
    description ? h('p', { class: 'dialog-description' }, description) : null,
    body,
  );
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    onClose?.();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }
  dialog.addEventListener('close', close);
  // A click on the backdrop (the dialog element itself, outside its box) closes it.
  dialog.addEventListener('mousedown', (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) close();
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body, close };
}
