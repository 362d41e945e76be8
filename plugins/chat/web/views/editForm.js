// Editing a message in place: its text in a textarea; Enter saves, Shift+Enter adds a line, Escape
// cancels. The server's error, if any, stays shown in the form.
import { h } from '../dom.js';
import { autoGrow } from './composer.js';

/**
 * @param {object} message
 * @param {{save: (text: string) => Promise<void>, cancel: () => void}} handlers
 */
export function editForm(message, { save, cancel }) {
  const textarea = h('textarea', { class: 'edit-text', 'aria-label': 'Edited text', rows: 1, value: message.text });
  const error = h('div', { class: 'edit-error' });
  const form = h(
    'form',
    { class: 'edit-form' },
    textarea,
    error,
    h('div', { class: 'edit-actions' },
      h('span', { class: 'edit-hint' }, 'Enter to save · Escape to cancel'),
      h('button', { type: 'button', class: 'button', onclick: cancel }, 'Cancel'),
      h('button', { type: 'submit', class: 'button primary' }, 'Save')),
  );
  async function submit() {
    const text = textarea.value.trimEnd();
    if (!text.trim()) return;
    if (text === message.text) return cancel();
    try {
      await save(text);
    } catch (failure) {
      error.replaceChildren(h('p', { role: 'alert', class: 'form-error' }, failure.message));
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  autoGrow(textarea);
  queueMicrotask(() => {
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  });
  return form;
}
