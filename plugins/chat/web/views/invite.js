// #/invite/<token>: join an organization with an invite link. Signed out: create an account with the
// invite, or sign in and accept it. Signed in: accept it.
import { h, replaceChildren } from '../dom.js';
import { authPage } from './brand.js';
import { submitForm } from './form.js';
import { accountFields } from './auth.js';

/**
 * @param {object} options
 * @param {string} options.token
 * @param {object|null} options.me GET /api/me, or null when signed out
 * @param {(org: {slug: string}|null) => Promise<void>} options.onJoined opens the organization (null: the only one)
 * @param {() => Promise<object>} options.onSignedIn the user signed in here: answers GET /api/me
 */
export function inviteScreen({ api, token, me, onJoined, onSignedIn, onSignOut }) {
  const body = h('div', { class: 'invite-body' });
  const accept = () => api.post(`/api/invites/${encodeURIComponent(token)}/accept`);
  const switchTo = (label, show) => h('button', { type: 'button', class: 'link-button', onclick: show }, label);

  /** Answers the form's error place, for an error that happened before it was shown. */
  function showSignedIn(user) {
    const { form, errors } = submitForm({ rows: [], submitLabel: 'Accept invitation', action: async () => onJoined((await accept()).org) });
    replaceChildren(
      body,
      h('p', { class: 'auth-intro' }, `You are signed in as ${user.display_name} (${user.email}).`),
      form,
      h('p', { class: 'auth-switch' }, 'Not you? ', switchTo('Sign out', onSignOut), ' · ', h('a', { href: '#/' }, 'Back to your conversations')),
    );
    return errors;
  }

  function showRegister() {
    const account = accountFields({ withName: true });
    const { form } = submitForm({
      rows: account.rows,
      submitLabel: 'Create account and join',
      action: async () => {
        await api.post('/api/auth/register', { ...account.values(), invite: token }, { signedIn: false });
        await onJoined(null);
      },
    });
    replaceChildren(
      body,
      h('p', { class: 'auth-intro' }, 'You were invited to an organization on OComms. Create your account to join it.'),
      form,
      h('p', { class: 'auth-switch' }, switchTo('I already have an account', showSignIn)),
    );
    account.name.input.focus();
  }

  function showSignIn() {
    const account = accountFields({ withName: false });
    const { form } = submitForm({
      rows: account.rows,
      submitLabel: 'Sign in and join',
      action: async () => {
        await api.post('/api/auth/login', account.values(), { signedIn: false });
        const signedIn = await onSignedIn();
        let joined;
        try {
          joined = await accept();
        } catch (error) {
          // Signed in now: a second try must accept, not sign in again.
          showSignedIn(signedIn.user).show(error);
          return;
        }
        await onJoined(joined.org);
      },
    });
    replaceChildren(
      body,
      h('p', { class: 'auth-intro' }, 'Sign in to accept the invitation.'),
      form,
      h('p', { class: 'auth-switch' }, switchTo('Create a new account instead', showRegister)),
    );
    account.email.input.focus();
  }

  if (me) showSignedIn(me.user);
  else showRegister();
  return authPage('Join an organization', null, body);
}
