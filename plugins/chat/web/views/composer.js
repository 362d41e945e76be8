// The message composer: a textarea that grows with its text; Enter sends, Shift+Enter starts a new line
// (and IME composition is left alone); typing is announced at most every 3 s; drafts are kept per
// channel and thread while the page lives.
import { h, uid, srOnly } from '../dom.js';
import { icon } from './icons.js';
import { mentionPicker } from './mentionPicker.js';

const MAX_HEIGHT_PX = 240;
const drafts = new Map();

/** Makes `textarea` as tall as its text, up to a limit. */
export function autoGrow(textarea) {
  const fit = () => {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, MAX_HEIGHT_PX)}px`;
  };
  textarea.addEventListener('input', fit);
  requestAnimationFrame(fit);
  return fit;
}

/**
 * @param {object} options
 * @param {string} options.label the textarea's label ("Message" or "Reply")
 * @param {string} options.buttonLabel the send button's name
 * @param {string} options.placeholder
 * @param {string} options.draftKey where the draft is kept
 * @param {(text: string) => void} options.send
 * @param {() => void} options.typing called on input (throttled by the caller)
 * @param {() => boolean} [options.editLast] ArrowUp in an empty composer: edit one's last message
 * @param {() => object[]} [options.mentionable] members to suggest after `@`
 */
export function composer({ label, buttonLabel, placeholder, draftKey, send, typing, editLast, mentionable }) {
  const id = uid('composer');
  const textarea = h('textarea', { id, class: 'composer-input', rows: 1, placeholder, value: drafts.get(draftKey) ?? '', enterkeyhint: 'send' });
  const button = h('button', { type: 'submit', class: 'send-button', title: `${buttonLabel} (Enter)` }, icon('send'), srOnly(buttonLabel));
  const picker = mentionable ? mentionPicker(textarea, mentionable) : null;
  const form = h(
    'form',
    { class: 'composer' },
    h('label', { for: id, class: 'sr-only' }, label),
    picker?.element,
    h('div', { class: 'composer-box' }, textarea, button),
    h('p', { class: 'composer-hint', 'aria-hidden': 'true' }, h('kbd', {}, 'Enter'), ' to send · ', h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'Enter'), ' for a new line'),
  );
  const fit = autoGrow(textarea);

  function submit() {
    const text = textarea.value.trimEnd();
    if (!text.trim()) return;
    send(text);
    textarea.value = '';
    drafts.delete(draftKey);
    fit();
    textarea.focus();
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  textarea.addEventListener('keydown', (event) => {
    if (picker?.keydown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    } else if (event.key === 'ArrowUp' && textarea.value === '' && editLast?.()) {
      event.preventDefault();
    }
  });
  textarea.addEventListener('input', () => {
    drafts.set(draftKey, textarea.value);
    if (textarea.value.trim()) typing();
  });
  return { element: form, focus: () => textarea.focus(), textarea };
}
