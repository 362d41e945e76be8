// The OComms mark and the frame of the signed-out pages.
import { h, svg } from '../dom.js';

export function logo(size = 32) {
  return svg(
    'svg',
    { class: 'logo', viewBox: '0 0 32 32', width: size, height: size, 'aria-hidden': 'true', focusable: 'false' },
    svg('rect', { x: 1, y: 1, width: 30, height: 30, rx: 9, class: 'logo-back' }),
    svg('path', { d: 'M9 11.5a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v5a3 3 0 0 1-3 3h-4.5L11 23v-3.6a3 3 0 0 1-2-2.9z', class: 'logo-bubble' }),
  );
}

/** A centred card with the mark, a title (h1), an introduction and the content. */
export function authPage(title, intro, ...content) {
  return h(
    'main',
    { class: 'auth-page' },
    h(
      'div',
      { class: 'auth-card' },
      h('div', { class: 'auth-brand' }, logo(40), h('span', { class: 'auth-brand-name' }, 'OComms')),
      h('h1', {}, title),
      intro ? h('p', { class: 'auth-intro' }, intro) : null,
      ...content,
    ),
  );
}
