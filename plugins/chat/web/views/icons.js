// Line icons (24x24, drawn with the current text colour). Decorative: hidden from assistive technology,
// the buttons that hold them carry their own names.
import { svg } from '../dom.js';

const PATHS = {
  hash: ['M4 9h16', 'M4 15h16', 'M10 3 8 21', 'M16 3l-2 18'],
  lock: ['M6 11h12v10H6z', 'M8 11V7a4 4 0 0 1 8 0v4'],
  plus: ['M12 5v14', 'M5 12h14'],
  compass: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'm15.5 8.5-2 5-5 2 2-5z'],
  message: ['M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z'],
  reply: ['M9 14 4 9l5-5', 'M4 9h10a6 6 0 0 1 6 6v5'],
  smile: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M8.5 14a4.5 4.5 0 0 0 7 0', 'M9 9.5h.01', 'M15 9.5h.01'],
  pencil: ['M16.5 3.5a2.1 2.1 0 0 1 3 3L8 18l-4 1 1-4z'],
  trash: ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  menu: ['M4 6h16', 'M4 12h16', 'M4 18h16'],
  download: ['M12 4v11', 'm7 10 5 5 5-5', 'M5 20h14'],
  userPlus: ['M15 20v-1a5 5 0 0 0-10 0v1', 'M10 4a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z', 'M19 8v6', 'M16 11h6'],
  archive: ['M3 4h18v4H3z', 'M5 8v12h14V8', 'M10 12h4'],
  logout: ['M15 4h4v16h-4', 'M10 17l5-5-5-5', 'M15 12H3'],
  arrowDown: ['M12 5v14', 'm6 13 6 6 6-6'],
  send: ['M4 12 20 4l-6 16-3-7z', 'M11 13 20 4'],
  retry: ['M4 12a8 8 0 1 0 2.3-5.7', 'M4 4v4h4'],
  building: ['M4 21V5l8-3v19', 'M12 8h8v13', 'M8 8v.01', 'M8 12v.01', 'M8 16v.01', 'M16 12v.01', 'M16 16v.01', 'M2 21h20'],
};

/** An <svg> icon named in PATHS. */
export function icon(name, extraClass = '') {
  return svg(
    'svg',
    {
      class: `icon ${extraClass}`.trim(),
      viewBox: '0 0 24 24',
      width: 18,
      height: 18,
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 1.8,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    (PATHS[name] ?? []).map((d) => svg('path', { d })),
  );
}
