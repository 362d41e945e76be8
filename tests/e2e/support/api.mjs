// Seeding and checking through the REST API (docs/api.md, plugins/chat/README.md), with Bearer tokens, for
// the steps a test does not drive through the page.
export const PASSWORD = 'correct horse battery staple';

export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** `method path` with an optional JSON body; returns the parsed answer, or throws naming the request,
   *  the status and the server's error unless the status is one of `expect`. */
  async call(method, path, { token, body, expect = [200, 201, 202, 204] } = {}) {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30000),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : null;
  }

  /** The first user of a fresh instance, owner of a new organization: `{token, user, org}`. */
  async registerFirst({ name, email, orgName, orgSlug }) {
    const answer = await this.call('POST', '/api/auth/register', {
      body: { email, password: PASSWORD, display_name: name, org_name: orgName, org_slug: orgSlug },
    });
    return { ...answer, email, org: orgSlug };
  }

  async invite(token, org, role = 'member') {
    return (await this.call('POST', `/api/orgs/${org}/invites`, { token, body: { role } })).token;
  }

  async registerWithInvite({ name, email, invite }) {
    const answer = await this.call('POST', '/api/auth/register', {
      body: { email, password: PASSWORD, display_name: name, invite },
    });
    return { ...answer, email };
  }

  async me(token) {
    return this.call('GET', '/api/me', { token });
  }

  async createChannel(token, org, { name, kind = 'public', members, topic }) {
    return this.call('POST', `/api/orgs/${org}/channels`, { token, body: { name, kind, members, topic } });
  }

  async channels(token, org) {
    return (await this.call('GET', `/api/orgs/${org}/channels`, { token })).channels;
  }

  async join(token, channelId) {
    return this.call('POST', `/api/channels/${channelId}/join`, { token });
  }

  async post(token, channelId, text) {
    return this.call('POST', `/api/channels/${channelId}/messages`, { token, body: { text } });
  }

  /** Every message of the channel, oldest first (all pages). */
  async messages(token, channelId) {
    const all = [];
    for (;;) {
      const after = all.length ? all[all.length - 1].seq : 0;
      const page = await this.call('GET', `/api/channels/${channelId}/messages?after=${after}&limit=200`, { token });
      all.push(...page.messages);
      if (!page.has_more || page.messages.length === 0) return all;
    }
  }

  async backups(token) {
    return (await this.call('GET', '/api/admin/backups', { token })).backups;
  }
}

/** Two members of one organization, Ann (its owner and the instance's administrator) and Bob, and public
 *  channels with both in them, made through the API: `{org, ann, bob, channels: {name: channel}}`. */
export async function seedTeam(api, channelNames = ['general', 'random']) {
  const ann = await api.registerFirst({ name: 'Ann', email: 'ann@example.com', orgName: 'Acme', orgSlug: 'acme' });
  const bob = await api.registerWithInvite({
    name: 'Bob',
    email: 'bob@example.com',
    invite: await api.invite(ann.token, 'acme'),
  });
  const channels = {};
  for (const name of channelNames) {
    channels[name] = await api.createChannel(ann.token, 'acme', { name });
    await api.join(bob.token, channels[name].id);
  }
  return { org: 'acme', ann, bob, channels };
}
