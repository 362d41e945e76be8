// A fresh instance set up entirely through the page: the first account and organization, a channel, an
// invite link that lets a second member register, joining from Browse channels, a direct message, and
// signing out and in again.
import { strict as assert } from 'node:assert';

import { PASSWORD } from './support/api.mjs';
import { ChatPage } from './support/chat.mjs';
import { attributeOf, countOf, eventually, textOf } from './support/expect.mjs';
import { messageSeenLive } from './support/exchange.mjs';
import { scenario, useWorld } from './support/world.mjs';

const fixture = useWorld('first-visit');
let ann;
let bob;

/** Ann's session token, from signing in through the API, to check what the page did. */
async function annToken(world) {
  const answer = await world.api.call('POST', '/api/auth/login', { body: { email: 'ann@example.com', password: PASSWORD } });
  return answer.token;
}

scenario(fixture, 'the first visit to a fresh instance creates the first account and organization', async ({ world }) => {
  ann = new ChatPage(await world.member('Ann'));
  await ann.goto();
  await ann.heading('Welcome to OComms').waitFor();
  await ann.fill({ 'Your name': 'Ann', Email: 'ann@example.com', Password: 'too short', 'Organization name': 'Acme Corp' });
  const address = await eventually('the prefilled Organization address', () => ann.field('Organization address').inputValue(), /^acme/);
  await ann.member.screenshot('welcome');

  await ann.button('Create account').click();
  await ann.page.getByRole('alert').filter({ hasText: /password/ }).waitFor();

  await ann.field('Password').fill(PASSWORD);
  await ann.button('Create account').click();
  await ann.banner.waitFor();
  await eventually("Ann's organization", () => ann.selectedOrganization(), 'Acme Corp');
  await textOf("Ann's header", ann.banner, /Ann/);
  await ann.button('Sign out', ann.banner).waitFor();

  const me = await world.api.me(await annToken(world));
  assert.equal(me.user.instance_admin, true);
  assert.deepEqual(me.memberships.map((m) => [m.org.slug, m.org.name, m.role]), [[address, 'Acme Corp', 'owner']]);
  assert.equal((await world.api.call('GET', '/api/instance')).initialized, true);
});

scenario(fixture, 'the owner creates a channel', async () => {
  await ann.button('Create channel', ann.nav).click();
  const dialog = ann.dialog('Create channel');
  await ann.fill({ 'Channel name': 'general', Topic: 'Everything and nothing' }, dialog);
  await ann.button('Create', dialog).click();
  await countOf('Create channel dialogs', dialog, 0);
  const link = ann.channelLinkNamed('general');
  await link.waitFor();
  await link.click();
  await attributeOf("Ann's link of general", link, 'aria-current', 'page');
  await ann.heading('general', 2).waitFor();
  await textOf("Ann's channel header", ann.main, /Everything and nothing/);
  await ann.send('Welcome to general');
  await ann.expectMessage('Welcome to general');
});

scenario(fixture, 'an invite link made with Invite people lets a second member register', async ({ world }) => {
  await ann.member.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.baseURL });
  await ann.button('Invite people', ann.banner).click();
  const dialog = ann.dialog('Invite people');
  const linkField = ann.field('Invite link', dialog);
  const inviteLink = await eventually('the invite link', () => linkField.inputValue(), (value) => value.startsWith(`${world.baseURL}/#/invite/`));
  assert.equal(await linkField.getAttribute('readonly'), '', 'the invite link is read-only');
  await ann.member.screenshot('invite');
  await ann.button('Copy link', dialog).click();
  await eventually('the clipboard', () => ann.page.evaluate(() => navigator.clipboard.readText()), inviteLink);
  await ann.page.keyboard.press('Escape');
  await countOf('Invite people dialogs', dialog, 0);

  bob = new ChatPage(await world.member('Bob'));
  await bob.page.goto(inviteLink);
  await bob.ready();
  await bob.heading('Join an organization').waitFor();
  await bob.button('I already have an account').waitFor();
  await bob.fill({ 'Your name': 'Bob', Email: 'bob@example.com', Password: PASSWORD });
  await bob.button('Create account and join').click();
  await bob.banner.waitFor();
  await eventually("Bob's organization", () => bob.selectedOrganization(), 'Acme Corp');
  await bob.connection('open');
});

scenario(fixture, 'the second member joins the channel from Browse channels', async () => {
  await countOf("Bob's links named general", bob.channelLinkNamed('general'), 0);
  await bob.button('Browse channels', bob.nav).click();
  const dialog = bob.dialog('Browse channels');
  await dialog.waitFor();
  await bob.member.screenshot('browse-channels');
  await bob.button('Join general', dialog).click();
  const link = bob.channelLinkNamed('general');
  await link.waitFor();
  if (await dialog.count()) await bob.page.keyboard.press('Escape');
  await link.click();
  await attributeOf("Bob's link of general", link, 'aria-current', 'page');
  await bob.expectMessage('Welcome to general');
  await bob.connection('open');
  await ann.connection('open');
  await messageSeenLive(bob, ann, 'Thanks for having me');
});

scenario(fixture, 'a direct message reaches the other member', async () => {
  await ann.button('New direct message', ann.nav).click();
  const dialog = ann.dialog('New direct message');
  await dialog.getByRole('checkbox', { name: 'Bob', exact: true }).check();
  await ann.button('Start conversation', dialog).click();
  // A direct channel's heading names its members (Bob, with or without Ann).
  await ann.heading(/\bBob\b/, 2).waitFor();
  const annLink = ann.channelLinkNamed('Bob');
  await attributeOf("Ann's direct link to Bob", annLink, 'aria-current', 'page');
  await attributeOf("Bob's presence beside Ann's direct link", annLink.locator('.presence'), 'data-presence', 'online');
  await ann.send('Just between us');
  await ann.expectMessage('Just between us');

  const bobLink = bob.channelLinkNamed('Ann');
  await bobLink.waitFor();
  await textOf("Bob's unread badge of the direct channel", bobLink.locator('.unread'), '1');
  await bobLink.click();
  await bob.heading(/\bAnn\b/, 2).waitFor();
  await bob.expectMessage('Just between us');
  await countOf("Bob's Leave channel buttons in a direct channel", bob.button('Leave channel', bob.main), 0);
  await bob.member.screenshot('direct-message');
});

scenario(fixture, 'signing out shows Sign in, and signing in again opens the organization', async () => {
  await bob.button('Sign out', bob.banner).click();
  await bob.heading('Sign in').waitFor();
  await countOf('Create an account buttons (registration is closed)', bob.button('Create an account'), 0);
  await bob.member.screenshot('sign-in');
  await bob.page.reload();
  await bob.ready();
  await bob.heading('Sign in').waitFor();

  await bob.fill({ Email: 'bob@example.com', Password: PASSWORD });
  await bob.button('Sign in').click();
  await bob.banner.waitFor();
  await eventually("Bob's organization", () => bob.selectedOrganization(), 'Acme Corp');
  await bob.connection('open');
  for (const member of [ann, bob]) {
    const general = member.channelLinkNamed('general');
    await general.click();
    await attributeOf(`${member.name}'s link of general`, general, 'aria-current', 'page');
  }
  await messageSeenLive(ann, bob, 'Welcome back');
});
