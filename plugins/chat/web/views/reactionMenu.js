// The "Add reaction" menu: a row of emoji buttons ("React with 👍") beside the button that opened it.
// Arrow keys move between them, Escape or a click elsewhere closes it, focus returns to the opener.
import { h, srOnly } from '../dom.js';
import { REACTIONS } from './message.js';

let openMenu = null;

/** Opens the menu for `message` next to `opener`; `choose(emoji)` runs on a pick. */
export function openReactionMenu(opener, choose) {
  closeReactionMenu();
  const buttons = REACTIONS.map((emoji) =>
    h('button', { type: 'button', class: 'reaction-choice', title: `React with ${emoji}`, onclick: () => pick(emoji) },
      h('span', { 'aria-hidden': 'true' }, emoji), srOnly(`React with ${emoji}`)));
  const menu = h('div', { class: 'reaction-menu' }, buttons);

  function pick(emoji) {
    close();
    choose(emoji);
  }
  function close() {
    if (openMenu !== state) return;
    openMenu = null;
    menu.remove();
    document.removeEventListener('mousedown', outside, true);
    opener.closest('article')?.classList.remove('menu-open');
    if (opener.isConnected) opener.focus();
  }
  function outside(event) {
    if (!menu.contains(event.target) && event.target !== opener && !opener.contains(event.target)) close();
  }
  menu.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const step = event.key === 'ArrowRight' ? 1 : -1;
      buttons[(index + step + buttons.length) % buttons.length].focus();
    }
  });
  const state = { close };
  openMenu = state;
  opener.closest('article')?.classList.add('menu-open');
  opener.parentElement.after(menu);
  document.addEventListener('mousedown', outside, true);
  buttons[0].focus();
}

export function closeReactionMenu() {
  openMenu?.close();
}
