// Two members talking in a channel, each in a browser context of their own: live messages, Shift+Enter,
// a thread, reactions, typing, unread and mention badges, and a reload that keeps the session.
import { strict as assert } from 'node:assert';

import { ChatPage } from './support/chat.mjs';
import { attributeOf, countOf, eventually, textOf } from './support/expect.mjs';
import {
  closeThreads,
  messageSeenLive,
  reactionSeenByBoth,
  threadReply,
  unreadRisesAndClears,
} from './support/exchange.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const cast = useTeam('conversation');

scenario(cast, 'a message one member sends appears live for the other', async ({ ann, bob }) => {
  await messageSeenLive(ann, bob, 'Good morning, Bob!');
  await messageSeenLive(bob, ann, 'Morning Ann, coffee?');
  await ann.member.screenshot('channel');
});

scenario(cast, 'Shift+Enter adds a line to the message and Enter sends it', async ({ ann, bob }) => {
  const shown = await ann.log.locator('article').count();
  await ann.composer.click();
  await ann.composer.pressSequentially('first line');
  await ann.composer.press('Shift+Enter');
  await ann.composer.pressSequentially('second line');
  assert.equal(await ann.composer.inputValue(), 'first line\nsecond line');
  assert.equal(await ann.log.locator('article').count(), shown, 'Shift+Enter sent nothing');

  await ann.composer.press('Enter');
  for (const member of [ann, bob]) {
    const message = await member.expectMessage('first line\nsecond line');
    await textOf(`${member.name}'s two-line message`, message.locator('.text'), 'first line\nsecond line');
  }
  assert.equal(await ann.composer.inputValue(), '');
});

scenario(cast, "a reply in a thread shows in both members' thread panels", async ({ ann, bob }) => {
  await threadReply(bob, ann, 'Good morning, Bob!', 'Replying in the thread');
  await ann.member.screenshot('thread');
  await closeThreads(ann, bob);
});

scenario(cast, 'a reaction shows to both members and toggles', async ({ ann, bob }) => {
  await reactionSeenByBoth(ann, bob, 'Morning Ann, coffee?');
  await bob.member.screenshot('reactions');
});

scenario(cast, 'the other member sees who is typing', async ({ ann, bob }) => {
  assert.equal(await ann.typingText(), '');
  await bob.composer.click();
  await bob.composer.pressSequentially('I am typing something');
  await eventually("Ann's typing indicator", () => ann.typingText(), 'Bob is typing…');
  await ann.member.screenshot('typing');
  // It goes about 5 s after the last typing event.
  await eventually("Ann's typing indicator once Bob stopped", () => ann.typingText(), '', 30000);
  assert.equal(await bob.typingText(), '', 'nobody else typed');
  await bob.composer.fill('');
});

scenario(cast, 'the unread count rises and clears when the channel is opened, in every tab', async (fixture) => {
  const { world, ann, bob, team } = fixture;
  const { general, random } = team.channels;
  const otherTab = new ChatPage(bob.member, await bob.member.newTab());
  await otherTab.goto(`#/o/acme/c/${random.id}`);
  await otherTab.connection('open');

  await unreadRisesAndClears(world.api, {
    sender: ann,
    reader: bob,
    channel: general,
    elsewhere: random,
    texts: ['Unread one', 'Unread two'],
    otherTabs: [otherTab],
  });
  await otherTab.page.close();
});

scenario(cast, 'a mention counts in its own badge and is marked for the one mentioned', async ({ ann, bob, team }) => {
  const { general, random } = team.channels;
  await bob.openChannel(random.id);
  await ann.send('@Bob can you look at this?');
  await ann.expectMessage('@Bob can you look at this?');
  const badge = bob.mentionsBadge(general.id);
  await textOf("Bob's mentions badge", badge, '1');
  await attributeOf("Bob's mentions badge", badge, 'aria-label', '1 mentions');
  await bob.member.screenshot('unread');

  await bob.openChannel(general.id);
  const message = await bob.expectMessage('@Bob can you look at this?');
  await eventually("class of Bob's message mentioning him", () => message.getAttribute('class'), /\bmentions-me\b/);
  await textOf("the mention in Bob's message", message.locator('.mention'), '@Bob');
  await countOf("Bob's mentions badges", bob.mentionsBadge(general.id), 0);
  const ownCopy = await ann.expectMessage('@Bob can you look at this?');
  assert.doesNotMatch((await ownCopy.getAttribute('class')) ?? '', /\bmentions-me\b/);
});

scenario(cast, 'a reload keeps the session and the open channel', async ({ ann, bob, team }) => {
  const { general } = team.channels;
  await bob.reload();
  await attributeOf("Bob's link of general", bob.channelLink(general.id), 'aria-current', 'page');
  await bob.heading('general', 2).waitFor();
  await bob.expectMessage('Good morning, Bob!');
  await messageSeenLive(ann, bob, 'Still there after the reload?');
});
