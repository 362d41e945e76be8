// The OComms web client: finds out who is here (GET /api/instance, GET /api/me) and shows the screen the
// route asks for: the first-run welcome, sign-in, an invite, creating an organization, or the chat.
// #app's data-state is "loading" until the first screen shows, then "ready".
import { h } from './dom.js';
import { createApi } from './lib/api.js';
import { parseRoute, orgHref } from './lib/router.js';
import { ChatSession } from './chat/session.js';
import { welcomeScreen, signInScreen, createOrganizationScreen } from './views/auth.js';
import { inviteScreen } from './views/invite.js';
import { authPage } from './views/brand.js';
import { shell } from './views/shell.js';
import { watchAway } from './views/away.js';

const root = document.getElementById('app');
const api = createApi({ onUnauthenticated: () => sessionEnded() });

let instance = null;
let me = null; // GET /api/me, or null when signed out
let session = null; // the ChatSession while signed in
let chat = null; // {slug, shell} of the organization on screen
let routing = 0; // the latest route() call; older ones give way

async function loadMe() {
  try {
    return await api.get('/api/me', { signedIn: false });
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

/** Shows a signed-out screen (or an error page) instead of whatever is on screen. */
function show(screen) {
  closeChat();
  root.replaceChildren(screen);
  ready();
  (screen.querySelector('input, textarea, button[type="submit"]') ?? screen.querySelector('h1'))?.focus();
}

function ready() {
  root.dataset.state = 'ready';
}

function closeChat() {
  chat?.shell.dispose();
  chat = null;
}

function showFailure(error) {
  show(authPage('Something went wrong', error.message,
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'button primary wide', onclick: () => location.reload() }, 'Try again'))));
}

async function signedIn() {
  me = await loadMe();
  instance.initialized = true;
  await route();
}

function sessionEnded() {
  if (session) {
    const ended = session;
    session = null;
    ended.ended();
  }
  me = null;
  closeChat();
  route();
}

async function signOut() {
  try {
    if (session) await session.signOut();
    else await api.post('/api/auth/logout', undefined, { signedIn: false });
  } catch (error) {
    if (error.status !== 401) throw error;
  }
  location.hash = '#/';
  sessionEnded();
}

function ensureSession() {
  if (session) return session;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
  const created = new ChatSession({ api, me, wsUrl, WebSocketImpl: WebSocket });
  session = created;
  const stopAway = watchAway(created);
  created.on('signed-out', () => {
    stopAway();
    if (session === created) sessionEnded();
  });
  session.on('memberships', () => {
    me = { user: session.me, memberships: session.memberships };
    if (chat && !me.memberships.some((m) => m.org.slug === chat.slug)) route();
  });
  session.start();
  return session;
}

async function route() {
  const call = ++routing;
  const target = parseRoute(location.hash);
  const props = { api, instance, onSignedIn: signedIn, show };
  if (target.name === 'invite') {
    show(inviteScreen({
      api, token: target.token, me, onJoined: joined, onSignOut: () => signOut().catch(showFailure),
      onSignedIn: async () => (me = await loadMe()),
    }));
    return;
  }
  if (!me) {
    show(instance.initialized ? signInScreen(props) : welcomeScreen(props));
    return;
  }
  if (me.memberships.length === 0) {
    show(createOrganizationScreen({
      api, me,
      onCreated: async (org) => {
        me = await loadMe();
        location.hash = orgHref(org.slug);
      },
      onSignOut: () => signOut().catch(showFailure),
    }));
    return;
  }
  await openChat(target, call);
}

/** After an invite: open its organization (null: the one the new account belongs to). */
async function joined(org) {
  me = await loadMe();
  session?.refreshMe().catch(() => {});
  const slug = org?.slug ?? me.memberships[0]?.org.slug;
  const hash = slug ? orgHref(slug) : '#/';
  if (location.hash === hash) await route();
  else location.hash = hash;
}

async function openChat(target, call) {
  const slugs = me.memberships.map((m) => m.org.slug);
  let slug = target.slug ?? localStorage.getItem('ocomms.org');
  if (!slugs.includes(slug) && target.slug) {
    // Joined elsewhere a moment ago? Ask again before giving up on the address.
    me = await loadMe();
    if (session) session.memberships = me.memberships;
  }
  if (!me.memberships.some((m) => m.org.slug === slug)) {
    slug = me.memberships[0].org.slug;
    if (target.slug) {
      location.replace(orgHref(slug));
      return;
    }
  }
  localStorage.setItem('ocomms.org', slug);
  ensureSession();
  if (!chat || chat.slug !== slug) {
    let workspace;
    try {
      workspace = await session.openOrg(slug);
    } catch (error) {
      if (call === routing && session) showFailure(error);
      return;
    }
    if (call !== routing || !session) return;
    closeChat();
    chat = { slug, shell: shell({ root, session, workspace, onSignedOut: () => { location.hash = '#/'; sessionEnded(); } }) };
    root.replaceChildren(chat.shell.element);
  }
  if (target.name === 'channel') await chat.shell.openChannel(target.channelId);
  else chat.shell.openFirstChannel();
  ready();
}

async function boot() {
  root.dataset.state = 'loading';
  try {
    [instance, me] = await Promise.all([api.get('/api/instance', { signedIn: false }), loadMe()]);
  } catch (error) {
    showFailure(error);
    return;
  }
  window.addEventListener('hashchange', () => route().catch(showFailure));
  await route().catch(showFailure);
}

boot();
