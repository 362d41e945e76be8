// The page's layout and ways around it: a narrow (phone-sized) window with the channel list behind the
// "Channels" button, the keyboard alone from the page's first tab stop to a thread, and switching between
// two organizations with the "Organization" select.
import { strict as assert } from 'node:assert';

import { ChatPage } from './support/chat.mjs';
import { attributeOf, countOf, eventually } from './support/expect.mjs';
import { messageSeenLive } from './support/exchange.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const cast = useTeam('layout');

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

scenario(cast, 'on a narrow window the channel list hides behind the Channels button', async ({ ann, bob, team }) => {
  const { general, random } = team.channels;
  await bob.page.setViewportSize(PHONE);
  await bob.goto(`#/o/${team.org}/c/${general.id}`);
  await bob.connection('open');
  await attributeOf("Bob's Channels button", bob.channelsToggle, 'aria-expanded', 'false');
  await eventually("whether Bob's channel list shows", () => bob.nav.isVisible(), false);
  await bob.composer.waitFor();
  await bob.member.screenshot('narrow-chat');

  await bob.channelsToggle.click();
  await attributeOf("Bob's Channels button", bob.channelsToggle, 'aria-expanded', 'true');
  await eventually("whether Bob's channel list shows", () => bob.nav.isVisible(), true);
  await eventually("the left edge of Bob's channel list (once it has slid in)", async () => (await bob.nav.boundingBox()).x, 0);
  await bob.member.screenshot('narrow-channels');

  await bob.channelLink(random.id).click();
  await attributeOf("Bob's link of random", bob.channelLink(random.id), 'aria-current', 'page');
  await bob.heading('random', 2).waitFor();
  await attributeOf("Bob's Channels button", bob.channelsToggle, 'aria-expanded', 'false');
  await eventually("whether Bob's channel list shows", () => bob.nav.isVisible(), false);

  await ann.openChannel(random.id);
  await messageSeenLive(bob, ann, 'Sent from my phone');
  await bob.page.setViewportSize(DESKTOP);
});

/** Presses `key` on `member`'s page, then waits until focus is on `selector` (holding `text`, if given)
 *  and checks that it is drawn with a focus indicator. */
async function pressUntilFocused(member, key, selector, { text, presses = 1 } = {}) {
  for (let pressed = 0; ; pressed++) {
    if (await member.focusedIs(selector, text)) break;
    if (pressed === presses) {
      assert.fail(`${presses} × ${key} did not move ${member.name}'s focus to ${selector}${text ? ` holding '${text}'` : ''}: ` +
        `it is on ${await member.describeFocus()}`);
    }
    await member.page.keyboard.press(key);
  }
  const indicator = await member.focusIndicator();
  assert.ok(indicator, `the focused ${selector} of ${member.name}'s page shows no focus indicator`);
}

scenario(cast, 'the keyboard alone reaches the composer, sends, and opens the thread of the message', async ({ world, ann, team }) => {
  const text = 'Typed without a mouse';
  await world.api.post(team.bob.token, team.channels.general.id, 'Anyone around?');
  await ann.goto(`#/o/${team.org}/c/${team.channels.general.id}`);
  await ann.connection('open');

  // Tab goes round the page (from wherever it put focus) to its first stop, "Skip to the message box".
  await pressUntilFocused(ann, 'Tab', 'button.skip-link', { presses: 60 });
  await ann.page.keyboard.press('Enter');
  await eventually("whether Ann's composer has focus", () => ann.composer.evaluate((field) => field === document.activeElement), true);
  assert.ok(await ann.focusIndicator(), "Ann's focused composer shows no focus indicator");
  await ann.page.keyboard.type(text);
  await ann.page.keyboard.press('Enter');
  await ann.expectMessage(text);

  // The log is one tab stop, just before the composer, on its newest message until the reader moves.
  await pressUntilFocused(ann, 'Shift+Tab', '[role="log"] article', { text });
  await pressUntilFocused(ann, 'ArrowUp', '[role="log"] article', { text: 'Anyone around?' });
  await pressUntilFocused(ann, 'ArrowDown', '[role="log"] article', { text });
  await pressUntilFocused(ann, 'Tab', '[role="log"] article button[data-action="Reply in thread"]', { presses: 4 });
  await ann.member.screenshot('keyboard-focus');
  await ann.page.keyboard.press('Enter');
  await ann.thread.waitFor();
  await ann.expectMessage(text, { scope: ann.thread });
  await ann.page.keyboard.press('Escape');
  await countOf("Ann's thread panels", ann.thread, 0);
});

scenario(cast, 'choosing the other organization opens it, and its messages stay in it', async ({ world, ann, bob, team }) => {
  const beta = await world.api.call('POST', '/api/orgs', { token: team.ann.token, body: { slug: 'beta', name: 'Beta' } });
  const carol = await world.api.registerWithInvite({
    name: 'Carol', email: 'carol@example.com', invite: await world.api.invite(team.ann.token, beta.slug),
  });
  const ops = await world.api.createChannel(team.ann.token, beta.slug, { name: 'ops' });
  await world.api.join(carol.token, ops.id);
  const carolsPage = new ChatPage(await world.member('Carol', carol.token));
  await carolsPage.goto(`#/o/${beta.slug}/c/${ops.id}`);
  await carolsPage.connection('open');

  // Ann's page learns of her new organization when it loads.
  await ann.reload();
  await ann.organization.selectOption({ label: 'Beta' });
  await eventually("Ann's address", () => new URL(ann.page.url()).hash, new RegExp(`^#/o/${beta.slug}(/|$)`));
  await eventually("Ann's organization", () => ann.selectedOrganization(), 'Beta');
  await ann.channelLink(ops.id).waitFor();
  await countOf("Ann's links of Acme's general", ann.channelLink(team.channels.general.id), 0);
  await ann.openChannel(ops.id);
  assert.equal(new URL(ann.page.url()).hash, `#/o/${beta.slug}/c/${ops.id}`);
  await ann.connection('open');
  await messageSeenLive(ann, carolsPage, 'Hello Beta');
  await ann.member.screenshot('second-organization');

  // Bob, in Acme only, gets nothing of it: a message sent after it in Acme reaches him, that one never.
  await ann.organization.selectOption({ label: 'Acme' });
  await ann.channelLink(team.channels.general.id).waitFor();
  await ann.openChannel(team.channels.general.id);
  await bob.openChannel(team.channels.general.id);
  await messageSeenLive(ann, bob, 'Back in Acme');
  await countOf("Bob's page's elements holding 'Hello Beta'", bob.page.getByText('Hello Beta'), 0);
  await countOf("Bob's links of Beta's ops", bob.channelLink(ops.id), 0);
  assert.deepEqual(await bob.organization.locator('option').allTextContents(), ['Acme']);
  await world.api.call('GET', `/api/channels/${ops.id}/messages`, { token: team.bob.token, expect: [403, 404] });
});
