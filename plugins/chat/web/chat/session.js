// A signed-in user's chat: one realtime connection, the outbox, and the workspace of the organization
// on screen. Announces 'workspace' (another organization opened), 'connection' (socket state) and
// 'signed-out' (the session ended: signed out here, or refused by the server).
import { Emitter } from '../lib/emitter.js';
import { RealtimeSocket } from '../lib/socket.js';
import { Outbox } from '../lib/outbox.js';
import { createChatApi } from '../lib/chatApi.js';
import { Sender } from './sender.js';
import { Sync } from './sync.js';
import { Workspace } from './workspace.js';

const PROBE = { intervalMs: 30000, timeoutMs: 10000 };
const MEMBERS_REFRESH_DELAY_MS = 500;

export class ChatSession extends Emitter {
  /**
   * @param {object} options
   * @param {ReturnType<import('../lib/api.js').createApi>} options.api
   * @param {object} options.me GET /api/me
   * @param {string} options.wsUrl ws(s)://host/api/ws
   * @param {Function} options.WebSocketImpl
   */
  constructor({ api, me, wsUrl, WebSocketImpl }) {
    super();
    this.api = api;
    this.me = me.user;
    this.memberships = me.memberships;
    this.workspace = null;
    this.socket = new RealtimeSocket({
      url: wsUrl,
      WebSocketImpl,
      checkSession: () => this.checkSession(),
      probe: {
        ...PROBE,
        request: () => (this.workspace ? ['presence.get', { org: this.workspace.org.slug }] : ['presence.set', { status: 'online' }]),
      },
    });
    this.outbox = new Outbox();
    this.chatApi = createChatApi(this.socket, api);
    this.sender = new Sender(this.socket, this.outbox);
    this.sync = new Sync(this.socket, this.sender);
    this.socket.on('state', (state) => this.emit('connection', state));
    this.socket.on('unauthenticated', () => this.ended());
    this.socket.on('closed', ({ code }) => {
      // Access revoked: the user may have been removed from an organization.
      if (code === 1008) this.refreshMe().catch(() => {});
    });
    this.membersTimer = null;
  }

  start() {
    this.socket.start();
  }

  /** Opens the organization `slug` (one of the user's); answers its workspace. */
  async openOrg(slug) {
    const enc = encodeURIComponent(slug);
    const [org, { members }, { channels }] = await Promise.all([
      this.api.get(`/api/orgs/${enc}`),
      this.api.get(`/api/orgs/${enc}/members`),
      this.chatApi.listChannels(slug),
    ]);
    const workspace = new Workspace({ me: this.me, org, members, channels, chatApi: this.chatApi, outbox: this.outbox });
    workspace.on('unknown-member', () => this.refreshMembersSoon(workspace));
    this.workspace = workspace;
    this.sync.setWorkspace(workspace);
    this.emit('workspace', workspace);
    return workspace;
  }

  /** Someone unknown posted or came online (they joined the organization): reload the members. */
  refreshMembersSoon(workspace) {
    if (this.membersTimer) return;
    this.membersTimer = setTimeout(async () => {
      this.membersTimer = null;
      try {
        const { members } = await this.api.get(`/api/orgs/${encodeURIComponent(workspace.org.slug)}/members`);
        workspace.setMembers(members);
        workspace.emit('members');
      } catch (error) {
        workspace.problem('Could not load the members', error);
      }
    }, MEMBERS_REFRESH_DELAY_MS);
  }

  async refreshMe() {
    const me = await this.api.get('/api/me');
    this.me = me.user;
    this.memberships = me.memberships;
    this.emit('memberships');
    return me;
  }

  async checkSession() {
    try {
      await this.api.get('/api/me', { signedIn: false });
      return 'signed-in';
    } catch (error) {
      return error.status === 401 ? 'signed-out' : 'unknown';
    }
  }

  /** Whether the user is an owner of the organization on screen. */
  roleIn(slug) {
    return this.memberships.find((m) => m.org.slug === slug)?.role ?? null;
  }

  async signOut() {
    try {
      await this.api.post('/api/auth/logout', undefined, { signedIn: false });
    } catch (error) {
      if (error.status !== 401) throw error; // signed out already otherwise
    }
    this.ended();
  }

  /** The session is over: closes the connection for good. */
  ended() {
    this.socket.stop();
    clearTimeout(this.membersTimer);
    if (!this.isOver) {
      this.isOver = true;
      this.emit('signed-out');
    }
  }
}
