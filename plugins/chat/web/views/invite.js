// #/invite/<token>: join an organization with an invite link. Signed out: create an account with the
// invite, or sign in and accept it. Signed in: accept it.
import { h, replaceChildren } from '../dom.js';
import { authPage } from './brand.js';
import { field, FormError, onSubmit, valueOf } from './form.js';

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

  function showSignedIn(user) {
    const form = h('form', { class: 'auth-form' });
    const errors = new FormError(form);
    form.append(errors.holder, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button primary wide' }, 'Accept invitation')));
    onSubmit(form, errors, async () => onJoined((await accept()).org));
    replaceChildren(
      body,
      h('p', { class: 'auth-intro' }, `You are signed in as ${user.display_name} (${user.email}).`),
      form,
      h('p', { class: 'auth-switch' }, 'Not you? ', h('button', { type: 'button', class: 'link-button', onclick: onSignOut }, 'Sign out'),
        ' · ', h('a', { href: '#/' }, 'Back to your conversations')),
    );
    return errors;
  }

  function showRegister() {
    const name = field({ label: 'Your name', name: 'display_name', autocomplete: 'name' });
    const email = field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email' });
    const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', hint: 'At least 10 characters.' });
    const form = h('form', { class: 'auth-form' });
    const errors = new FormError(form);
    form.append(name.row, email.row, password.row, errors.holder,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button primary wide' }, 'Create account and join')));
    onSubmit(form, errors, async () => {
      await api.post('/api/auth/register', {
        display_name: valueOf(name.input), email: valueOf(email.input), password: password.input.value, invite: token,
      }, { signedIn: false });
      await onJoined(null);
    });
    replaceChildren(
      body,
      h('p', { class: 'auth-intro' }, 'You were invited to an organization on OComms. Create your account to join it.'),
      form,
      h('p', { class: 'auth-switch' }, h('button', { type: 'button', class: 'link-button', onclick: showSignIn }, 'I already have an account')),
    );
    name.input.focus();
  }

  function showSignIn() {
    const email = field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username' });
    const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password' });
    const form = h('form', { class: 'auth-form' });
    const errors = new FormError(form);
    form.append(email.row, password.row, errors.holder,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button primary wide' }, 'Sign in and join')));
    onSubmit(form, errors, async () => {
      await api.post('/api/auth/login', { email: valueOf(email.input), password: password.input.value }, { signedIn: false });
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
    });
    replaceChildren(
      body,
      h('p', { class: 'auth-intro' }, 'Sign in to accept the invitation.'),
      form,
      h('p', { class: 'auth-switch' }, h('button', { type: 'button', class: 'link-button', onclick: showRegister }, 'Create a new account instead')),
    );
    email.input.focus();
  }

  if (me) showSignedIn(me.user);
  else showRegister();
  return authPage('Join an organization', null, body);
}
