// Names shown for channels and people.

/** A member's display name, or a placeholder for someone who left the organization. */
export function displayName(membersById, userId) {
  return membersById.get(userId)?.display_name ?? 'Former member';
}

/** A channel's name; a direct channel's is the other members' display names, comma-separated. */
export function channelName(channel, membersById, selfId) {
  if (channel.kind !== 'direct') return channel.name ?? '';
  const others = (channel.members ?? []).filter((id) => id !== selfId);
  const names = others.map((id) => displayName(membersById, id)).sort((a, b) => a.localeCompare(b));
  return names.length ? names.join(', ') : displayName(membersById, selfId);
}

/** An organization address (slug) made from its name: "Acme Labs" -> "acme-labs". */
export function slugFromName(name) {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/** The one or two letters of an avatar. */
export function initials(name) {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? [...words[0]].slice(0, 1) : [[...words[0]][0], [...words[words.length - 1]][0]];
  return letters.join('').toUpperCase();
}
