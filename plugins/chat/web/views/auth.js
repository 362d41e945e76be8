// The signed-out screens: the first visit of a fresh instance, sign in, create an account (open
// registration) and, for a user without any organization, create one.
import { h } from '../dom.js';
import { authPage } from './brand.js';
import { field, submitForm, valueOf } from './form.js';
import { slugFromName } from '../lib/names.js';

/**
 * The name and address fields of a new organization; the address follows the name until edited.
 * `names`: the API's field names (registration says org_name/org_slug, POST /api/orgs name/slug).
 */
export function organizationFields(names = { name: 'org_name', slug: 'org_slug' }) {
  const name = field({ label: 'Organization name', name: names.name, autocomplete: 'organization' });
  const slug = field({
    label: 'Organization address',
    name: names.slug,
    autocomplete: 'off',
    spellcheck: 'false',
    hint: 'Lowercase letters, digits and dashes, used in links.',
  });
  let edited = false;
  name.input.addEventListener('input', () => {
    if (!edited) slug.input.value = slugFromName(name.input.value);
  });
  slug.input.addEventListener('input', () => {
    edited = slug.input.value !== '';
  });
  return { name, slug };
}

/** Name (when asked), email and password fields: {name, email, password, values()}. */
export function accountFields({ withName }) {
  const fields = {
    name: withName ? field({ label: 'Your name', name: 'display_name', autocomplete: 'name' }) : null,
    email: field({ label: 'Email', name: 'email', type: 'email', autocomplete: withName ? 'email' : 'username' }),
    password: field({
      label: 'Password',
      name: 'password',
      type: 'password',
      autocomplete: withName ? 'new-password' : 'current-password',
      hint: withName ? 'At least 10 characters.' : undefined,
    }),
  };
  return {
    ...fields,
    rows: [fields.name?.row, fields.email.row, fields.password.row],
    /** The API's fields: display_name (when asked), email, password. */
    values: () => ({
      ...(fields.name ? { display_name: valueOf(fields.name.input) } : {}),
      email: valueOf(fields.email.input),
      password: fields.password.input.value,
    }),
  };
}

/** Fresh instance: the first account, which owns the first organization. */
export function welcomeScreen({ api, onSignedIn }) {
  const account = accountFields({ withName: true });
  const org = organizationFields();
  const { form } = submitForm({
    rows: [...account.rows, h('fieldset', { class: 'auth-fieldset' }, h('legend', {}, 'Your organization'), org.name.row, org.slug.row)],
    submitLabel: 'Create account',
    action: async () => {
      await api.post('/api/auth/register', { ...account.values(), org_name: valueOf(org.name.input), org_slug: valueOf(org.slug.input) }, { signedIn: false });
      await onSignedIn();
    },
  });
  return authPage(
    'Welcome to OComms',
    'Set up this server: create your account and your organization. You will be its owner and the administrator of this instance.',
    form,
  );
}

/** Sign in; with open registration, a way to create an account. */
export function signInScreen({ api, instance, onSignedIn, show }) {
  const account = accountFields({ withName: false });
  const { form } = submitForm({
    rows: account.rows,
    submitLabel: 'Sign in',
    action: async () => {
      await api.post('/api/auth/login', account.values(), { signedIn: false });
      await onSignedIn();
    },
  });
  const register = instance.open_registration
    ? h('p', { class: 'auth-switch' }, 'New here? ',
        h('button', { type: 'button', class: 'link-button', onclick: () => show(registerScreen({ api, instance, onSignedIn, show })) }, 'Create an account'))
    : h('p', { class: 'auth-switch muted' }, 'New here? Ask someone in your organization for an invite link.');
  return authPage('Sign in', 'Welcome back.', form, register);
}

/** Open registration: an account without an organization yet. */
export function registerScreen({ api, instance, onSignedIn, show }) {
  const account = accountFields({ withName: true });
  const { form } = submitForm({
    rows: account.rows,
    submitLabel: 'Create account',
    action: async () => {
      await api.post('/api/auth/register', account.values(), { signedIn: false });
      await onSignedIn();
    },
  });
  const back = h('p', { class: 'auth-switch' }, 'Have an account? ',
    h('button', { type: 'button', class: 'link-button', onclick: () => show(signInScreen({ api, instance, onSignedIn, show })) }, 'Sign in'));
  return authPage('Create an account', null, form, back);
}

/** A signed-in user who belongs to no organization yet. */
export function createOrganizationScreen({ api, me, onCreated, onSignOut }) {
  const org = organizationFields({ name: 'name', slug: 'slug' });
  const { form } = submitForm({
    rows: [org.name.row, org.slug.row],
    submitLabel: 'Create organization',
    action: async () => onCreated(await api.post('/api/orgs', { name: valueOf(org.name.input), slug: valueOf(org.slug.input) })),
  });
  return authPage(
    'Create an organization',
    `Signed in as ${me.user.display_name}. You are not in any organization yet: create one, or open an invite link someone sent you.`,
    form,
    h('p', { class: 'auth-switch' }, h('button', { type: 'button', class: 'link-button', onclick: onSignOut }, 'Sign out')),
  );
}
