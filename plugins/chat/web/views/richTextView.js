// Message text as DOM: text nodes, links and mention spans, built from lib/richText.js's pieces. Nothing
// is ever parsed as HTML.
import { h } from '../dom.js';
import { richText } from '../lib/richText.js';

/** The children of a message's `.text` element. */
export function textNodes(text, names, selfId) {
  return richText(text, names).map((piece) => {
    if (piece.type === 'mention') {
      return h('span', { class: ['mention', piece.userIds.includes(selfId) && 'me'] }, piece.text);
    }
    if (piece.type === 'link') {
      return h('a', { href: piece.href, target: '_blank', rel: 'noopener noreferrer' }, piece.text);
    }
    return document.createTextNode(piece.text);
  });
}
