// What a channel keeps over time: messages edited and deleted in place (live, and after a reload, from
// the history), older pages loaded by scrolling up, and the presence of the other member.
import { strict as assert } from 'node:assert';

import { attributeOf, countOf, eventually, textOf } from './support/expect.mjs';
import { messageSeenLive } from './support/exchange.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const cast = useTeam('history', { channels: ['general', 'archive'] });

const EDITED = { before: 'The meeting is at 3', after: 'The meeting is at 4' };
const DELETED = 'Please ignore this one';
const ids = {};

/** `member` shows the edited message with "(edited)" and the deleted one as deleted, each where it was. */
async function expectEditedAndDeleted(member) {
  const edited = await member.expectMessage(EDITED.after);
  assert.equal(await edited.getAttribute('data-message-id'), ids.edited, 'the edit changed the message in place');
  await textOf(`${member.name}'s edited message`, edited, /\(edited\)/);
  await countOf(`${member.name}'s messages holding the text before the edit`, member.message(EDITED.before), 0);

  const deleted = member.messageById(ids.deleted);
  await textOf(`${member.name}'s deleted message`, deleted, /This message was deleted/);
  await countOf(`${member.name}'s messages holding the deleted text`, member.message(DELETED), 0);
  await countOf(`${member.name}'s Delete message buttons on the deleted message`, member.button('Delete message', deleted), 0);
}

scenario(cast, 'an edit and a deletion show live to the other member', async ({ ann, bob }) => {
  await messageSeenLive(ann, bob, EDITED.before);
  await messageSeenLive(ann, bob, DELETED);
  ids.edited = await ann.message(EDITED.before).getAttribute('data-message-id');
  ids.deleted = await ann.message(DELETED).getAttribute('data-message-id');

  await ann.editMessage(EDITED.before, EDITED.after);
  await ann.messageAction(ann.message(DELETED), 'Delete message');
  await expectEditedAndDeleted(ann);
  await expectEditedAndDeleted(bob);
  await bob.member.screenshot('edited-and-deleted');
});

scenario(cast, 'an edit and a deletion survive a reload (from the history)', async ({ bob }) => {
  await bob.reload();
  await expectEditedAndDeleted(bob);
});

const HISTORY = 130;
const historyText = (n) => `History ${String(n).padStart(3, '0')}`;

const SCROLL_BACK =
  'scrolling up loads older pages, each message once and in order, keeping the reader in place; newer ones are announced';
scenario(cast, SCROLL_BACK, async ({ world, bob, team }) => {
  const { archive } = team.channels;
  for (let n = 1; n <= HISTORY; n++) await world.api.post(team.ann.token, archive.id, historyText(n));
  const stored = (await world.api.messages(team.ann.token, archive.id)).map((message) => message.seq);
  assert.equal(stored.length, HISTORY);

  // Bob's page, open elsewhere, held them as they arrived: opening the channel shows the newest and
  // reads them all.
  await bob.openChannel(archive.id);
  const newest = await bob.expectMessage(historyText(HISTORY));
  await eventually("whether the newest message is in view in Bob's log", () => bob.inLogView(newest), true);
  await countOf("Bob's unread badges of archive", bob.unreadBadge(archive.id), 0);

  // A page loaded afterwards holds only the latest page.
  await bob.reload();
  const newestAfterReload = bob.message(historyText(HISTORY));
  await eventually("whether the newest message is in view in Bob's log after a reload", () => bob.inLogView(newestAfterReload), true);
  await countOf("Bob's messages holding the oldest text", bob.message(historyText(1)), 0);

  for (let loads = 0; (await bob.message(historyText(1)).count()) === 0; loads++) {
    assert.ok(loads < HISTORY / 10, `message 1 is still not shown after ${loads} loads of older messages`);
    const before = await bob.seqs();
    const top = bob.log.locator(`article[data-seq="${before[0]}"]`);
    // As a drag of the scroll bar to the top would.
    await bob.log.evaluate((log) => {
      log.scrollTop = 0;
    });
    await eventually("the number of messages in Bob's log after scrolling to the top", async () => (await bob.seqs()).length,
      (count) => count > before.length);
    assert.ok(await bob.inLogView(top), `message ${before[0]}, at the top when older ones loaded, went out of view`);
    assert.equal(await bob.button('New messages', bob.main).count(), 0, 'older messages are not announced as new');
  }
  await bob.member.screenshot('history-start');
  assert.deepEqual(await bob.seqs(), stored, 'every message once, in ascending seq order');
  await textOf("the start of Bob's log", bob.log, /This is the very beginning of #archive/);

  // A message that arrives meanwhile is announced, not scrolled to.
  await world.api.post(team.ann.token, archive.id, 'Still reading?');
  const latest = await bob.expectMessage('Still reading?');
  assert.equal(await bob.inLogView(latest), false, 'a new message moved Bob away from the start of the channel');
  await bob.button('New messages', bob.main).click();
  await eventually("whether the new message is in view in Bob's log", () => bob.inLogView(latest), true);
  await countOf("Bob's New messages buttons", bob.button('New messages', bob.main), 0);
});

scenario(cast, "the other member's presence is online while their page is open and offline once it closes",
  async ({ world, ann, bob, team }) => {
    await bob.openChannel(team.channels.general.id);
    await messageSeenLive(bob, ann, 'Bob was here');
    await world.api.createChannel(team.ann.token, team.org, { kind: 'direct', members: [team.bob.user.id] });
    const dots = {
      "beside Ann's direct link to Bob": ann.channelLinkNamed('Bob').locator('.presence'),
      "beside Bob's name on his message": ann.message('Bob was here').locator('.presence'),
    };
    for (const [where, dot] of Object.entries(dots)) {
      await attributeOf(`Bob's presence ${where}`, dot, 'data-presence', 'online');
      await attributeOf(`Bob's presence ${where}`, dot, 'aria-label', 'online');
    }
    await ann.member.screenshot('presence-online');

    await bob.member.close();
    for (const [where, dot] of Object.entries(dots)) {
      await attributeOf(`Bob's presence ${where}`, dot, 'data-presence', 'offline');
      await attributeOf(`Bob's presence ${where}`, dot, 'aria-label', 'offline');
    }
  });
