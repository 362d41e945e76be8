// The server goes away in the middle of a conversation, with messages of Ann's waiting for their acks, and
// comes back on the same port and database. Whatever Ann's page showed as sent must be on the server exactly
// once and on Bob's page exactly once; what was unanswered, and what she wrote while the server was down,
// is sent when it is back, once.
import { strict as assert } from 'node:assert';

import { countOf } from './support/expect.mjs';
import { messageSeenLive } from './support/exchange.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const RECOVERY_MS = 60000;

const cast = useTeam('restart', { channels: ['general'] });

/** The texts of the messages of `page` that are `data-status="sent"`. */
function shownAsSent(page) {
  return page.log.locator('article[data-status="sent"] .text').allInnerTexts();
}

function expectServerDown(world, down) {
  for (const member of world.members) member.serverDown = down;
}

/** Freezes the server, then has Ann send `texts`: they surely wait for their acks. */
async function sendUnanswered(world, ann, texts) {
  world.server.freeze();
  for (const text of texts) {
    await ann.send(text);
    await ann.expectMessage(text, { status: 'pending' });
  }
}

/** With the server down: Ann's page says so, and what she writes waits in her outbox. */
async function writeWhileDown(ann, texts, screenshot) {
  await ann.connection('reconnecting', RECOVERY_MS);
  await ann.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
  if (screenshot) await ann.member.screenshot(screenshot);
  for (const text of texts) {
    await ann.send(text);
    await ann.expectMessage(text, { status: 'pending' });
  }
}

/** Starts the server again; every text ends up sent on Ann's page, stored once, and shown once to Bob.
 *  `sentBeforeStop` (shown as sent when the server went away) must still be shown as sent. */
async function recover({ world, team, ann, bob }, texts, sentBeforeStop) {
  await world.server.startAgain();
  await ann.connection('open', RECOVERY_MS);
  await bob.connection('open', RECOVERY_MS);
  expectServerDown(world, false);

  for (const text of texts) await ann.expectMessage(text, { timeoutMs: RECOVERY_MS });
  const sentNow = await shownAsSent(ann);
  for (const text of sentBeforeStop) assert.ok(sentNow.includes(text), `'${text}' was shown as sent and is no longer`);

  const stored = (await world.api.messages(team.ann.token, team.channels.general.id)).map((message) => message.text);
  for (const text of texts) {
    assert.equal(stored.filter((t) => t === text).length, 1, `'${text}' is stored once; the server has ${JSON.stringify(stored)}`);
    await bob.expectMessage(text, { timeoutMs: RECOVERY_MS });
  }
  await countOf("Bob's messages", bob.log.locator('article'), stored.length);
  return stored;
}

scenario(cast, 'a restart of the server loses and doubles no message', async (fixture) => {
  const { world, ann, bob } = fixture;
  await messageSeenLive(ann, bob, 'Before the restart');

  // Sent just before the restart: each may or may not have its ack when the server stops.
  const burst = ['Burst 1', 'Burst 2'];
  for (const text of burst) await ann.send(text);
  const unanswered = ['Unanswered 1', 'Unanswered 2'];
  await sendUnanswered(world, ann, unanswered);
  expectServerDown(world, true);
  await world.server.stop();
  const sentBeforeStop = await shownAsSent(ann);

  const outbox = ['Written while down 1', 'Written while down 2'];
  await writeWhileDown(ann, outbox, 'reconnecting');

  const everything = ['Before the restart', ...burst, ...unanswered, ...outbox];
  const stored = await recover(fixture, everything, sentBeforeStop);
  assert.deepEqual([...stored].sort(), [...everything].sort());
  await messageSeenLive(bob, ann, 'After the restart');
});

scenario(cast, 'after a crash, the messages it left unanswered are sent again, once', async (fixture) => {
  const { world, ann, bob } = fixture;
  const before = (await world.api.messages(fixture.team.ann.token, fixture.team.channels.general.id)).length;
  const unanswered = ['Lost in the crash 1', 'Lost in the crash 2'];
  await sendUnanswered(world, ann, unanswered);
  expectServerDown(world, true);
  await world.server.crash();
  const sentBeforeCrash = await shownAsSent(ann);
  for (const text of unanswered) assert.ok(!sentBeforeCrash.includes(text), `'${text}' shown as sent without an ack`);

  const outbox = ['Written after the crash'];
  await writeWhileDown(ann, outbox);
  const stored = await recover(fixture, [...unanswered, ...outbox], sentBeforeCrash);
  assert.equal(stored.length, before + unanswered.length + outbox.length);
  await messageSeenLive(bob, ann, 'After the crash');
});
