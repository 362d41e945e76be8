// Splits a message's text into plain text, links and @mentions, as data: the views turn each piece
// into a text node or an element whose textContent is the piece, so no text is ever read as HTML.
//
// Mentions follow the chat plugin's rule (plugins/chat/README.md, src/Mentions.cpp): `@name`, where name
// is a member's display name without spaces or the local part of their email, in any ASCII case; an `@`
// right after a letter, digit or one of `_.+-` (an email address) is no mention; a name ends at
// whitespace or one of ,;:!?()[]{}<>"'`@ and trailing dots are not part of it.

const NAME_END = new Set([...',;:!?()[]{}<>"\'`@', ' ', '\t', '\r', '\n', '\f', '\v']);
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;
// Punctuation that usually closes a sentence rather than belongs to a link.
const URL_TRAILING = /[.,;:!?)\]}'"]+$/;

function foldAscii(text) {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function isWordCharacter(c) {
  return /[A-Za-z0-9_.+-]/.test(c) || c.codePointAt(0) >= 0x80;
}

/** name (folded) -> user ids, from members [{id, display_name, email}] */
export function mentionNames(members) {
  const names = new Map();
  for (const member of members) {
    const compact = (member.display_name ?? '').replace(/[ \t\r\n\f\v]/g, '');
    const local = (member.email ?? '').split('@')[0];
    for (const name of new Set([foldAscii(compact), foldAscii(local)])) {
      if (!name) continue;
      if (!names.has(name)) names.set(name, []);
      names.get(name).push(member.id);
    }
  }
  return names;
}

/**
 * The mentions in `text`: [{start, end, userIds}] (end exclusive, `@` included).
 * @param {Map<string, number[]>} names from mentionNames()
 */
export function findMentions(text, names) {
  const found = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at > 0 && isWordCharacter(text[at - 1])) continue;
    let end = at + 1;
    while (end < text.length && !NAME_END.has(text[end])) end += 1;
    let candidate = foldAscii(text.slice(at + 1, end));
    while (candidate) {
      const userIds = names.get(candidate);
      if (userIds) {
        found.push({ start: at, end: at + 1 + candidate.length, userIds });
        break;
      }
      if (!candidate.endsWith('.')) break;
      candidate = candidate.slice(0, -1);
    }
  }
  return found;
}

/** The http(s) links in `text`: [{start, end, href}]. */
export function findLinks(text) {
  const found = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(URL_TRAILING, '');
    if (href.length > 'https://'.length) found.push({ start: match.index, end: match.index + href.length, href });
  }
  return found;
}

/**
 * The pieces of `text`, in order: {type: 'text', text}, {type: 'link', text, href} and
 * {type: 'mention', text, userIds}. Joined, their texts give `text` back unchanged.
 */
export function richText(text, names) {
  const links = findLinks(text);
  const mentions = findMentions(text, names).filter((m) => !links.some((l) => m.start < l.end && l.start < m.end));
  const marks = [
    ...links.map((l) => ({ ...l, type: 'link' })),
    ...mentions.map((m) => ({ ...m, type: 'mention' })),
  ].sort((a, b) => a.start - b.start);

  const pieces = [];
  let position = 0;
  for (const mark of marks) {
    if (mark.start > position) pieces.push({ type: 'text', text: text.slice(position, mark.start) });
    const piece = { type: mark.type, text: text.slice(mark.start, mark.end) };
    if (mark.type === 'link') piece.href = mark.href;
    else piece.userIds = mark.userIds;
    pieces.push(piece);
    position = mark.end;
  }
  if (position < text.length) pieces.push({ type: 'text', text: text.slice(position) });
  return pieces;
}

/** Whether `text` mentions user `userId` (for messages not yet stored, whose mentions the server has not computed). */
export function mentionsUser(text, names, userId) {
  return findMentions(text, names).some((m) => m.userIds.includes(userId));
}

/**
 * The members an `@prefix` being typed may name, best first: [{member, handle}], where handle is what
 * to insert after the `@` (the display name without spaces, which the server recognises).
 */
export function mentionCandidates(members, prefix, limit = 6) {
  const wanted = foldAscii(prefix);
  const scored = [];
  for (const member of members) {
    const handle = (member.display_name ?? '').replace(/[ \t\r\n\f\v]/g, '');
    const local = foldAscii((member.email ?? '').split('@')[0]);
    const words = foldAscii(member.display_name ?? '').split(/\s+/);
    let score = -1;
    if (foldAscii(handle).startsWith(wanted)) score = 0;
    else if (local.startsWith(wanted)) score = 1;
    else if (words.some((w) => w.startsWith(wanted))) score = 2;
    if (score >= 0 && handle) scored.push({ member, handle, score });
  }
  scored.sort((a, b) => a.score - b.score || a.handle.localeCompare(b.handle));
  return scored.slice(0, limit).map(({ member, handle }) => ({ member, handle }));
}

/** The `@word` that ends at `caret` in `text` (a mention being typed): {start, prefix}, or null. */
export function mentionAt(text, caret) {
  let start = caret;
  while (start > 0 && !NAME_END.has(text[start - 1])) start -= 1;
  if (start === 0 || text[start - 1] !== '@') return null;
  const at = start - 1;
  if (at > 0 && isWordCharacter(text[at - 1])) return null;
  return { start: at, prefix: text.slice(start, caret) };
}
