// The page's hash routes (docs/web-client.md): the server serves only `/`.
//   #/                      the app: the last or first organization and channel
//   #/o/<slug>              an organization, its first channel
//   #/o/<slug>/c/<id>       a channel
//   #/invite/<token>        accept an invite

/** Parses a location hash into {name, ...}. */
export function parseRoute(hash) {
  const path = (hash ?? '').replace(/^#/, '').replace(/^\/+/, '');
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'invite' && parts.length === 2 && parts[1]) return { name: 'invite', token: parts[1] };
  if (parts[0] === 'o' && parts.length === 2) return { name: 'org', slug: parts[1] };
  if (parts[0] === 'o' && parts.length === 4 && parts[2] === 'c' && /^\d+$/.test(parts[3])) {
    return { name: 'channel', slug: parts[1], channelId: Number(parts[3]) };
  }
  return { name: 'home' };
}

function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function channelHref(slug, channelId) {
  return `#/o/${encodeURIComponent(slug)}/c/${channelId}`;
}

export function orgHref(slug) {
  return `#/o/${encodeURIComponent(slug)}`;
}

export function inviteLink(origin, token) {
  return `${origin}/#/invite/${encodeURIComponent(token)}`;
}
