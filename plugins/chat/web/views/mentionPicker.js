// Suggests members while an `@name` is typed in a composer: a listbox above it; ArrowUp/ArrowDown
// choose, Enter or Tab insert the handle the server recognises, Escape closes. When what was typed is a
// complete name already, Enter is left to send the message.
import { h, uid } from '../dom.js';
import { avatar } from './avatar.js';
import { mentionAt, mentionCandidates } from '../lib/richText.js';

/**
 * @param {HTMLTextAreaElement} textarea
 * @param {() => object[]} members the organization's members, the user excepted
 * @returns {{element: HTMLElement, keydown: (event: KeyboardEvent) => boolean}} keydown answers whether
 *   it used the key
 */
export function mentionPicker(textarea, members) {
  const listId = uid('mentions');
  const list = h('ul', { class: 'mention-picker', id: listId, role: 'listbox', 'aria-label': 'People to mention', hidden: true });
  let candidates = [];
  let active = 0;
  let typed = null;

  textarea.setAttribute('aria-autocomplete', 'list');

  function close() {
    candidates = [];
    typed = null;
    list.hidden = true;
    list.replaceChildren();
    textarea.removeAttribute('aria-controls');
    textarea.removeAttribute('aria-activedescendant');
  }

  function update() {
    typed = mentionAt(textarea.value, textarea.selectionStart);
    candidates = typed ? mentionCandidates(members(), typed.prefix) : [];
    if (!candidates.length) return close();
    active = Math.min(active, candidates.length - 1);
    list.replaceChildren(...candidates.map(({ member, handle }, index) =>
      h('li', {
        id: `${listId}-${index}`,
        role: 'option',
        class: 'mention-option',
        'aria-selected': index === active ? 'true' : 'false',
        onmousedown: (event) => {
          event.preventDefault(); // keep the focus in the textarea
          insert(index);
        },
      }, avatar(member.id, member.display_name, 'small'), h('span', { class: 'mention-name' }, member.display_name), h('span', { class: 'mention-handle' }, `@${handle}`))));
    list.hidden = false;
    textarea.setAttribute('aria-controls', listId);
    textarea.setAttribute('aria-activedescendant', `${listId}-${active}`);
  }

  function move(step) {
    active = (active + step + candidates.length) % candidates.length;
    update();
  }

  function insert(index) {
    const { handle } = candidates[index];
    const before = textarea.value.slice(0, typed.start);
    const after = textarea.value.slice(textarea.selectionStart);
    const inserted = `@${handle} `;
    textarea.value = before + inserted + after;
    const caret = before.length + inserted.length;
    textarea.setSelectionRange(caret, caret);
    close();
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Whether the name typed so far already names someone in full (Enter then sends). */
  function complete() {
    const prefix = typed.prefix.toLowerCase();
    return candidates.some(({ member, handle }) =>
      handle.toLowerCase() === prefix || (member.email ?? '').split('@')[0].toLowerCase() === prefix);
  }

  textarea.addEventListener('input', update);
  textarea.addEventListener('click', update);
  textarea.addEventListener('blur', close);

  function keydown(event) {
    if (list.hidden) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if ((event.key === 'Enter' && !event.shiftKey && !complete()) || event.key === 'Tab') {
      insert(active);
    } else if (event.key === 'Escape') {
      close();
    } else {
      if (event.key === 'Enter') close();
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  return { element: list, keydown };
}
