// The server restarts in the middle of a conversation. Whatever Ann's page showed as sent must be on the
// server exactly once and on Bob's page exactly once; what she wrote while it was down waits in her outbox
// and is sent when it is back, once.
import { strict as assert } from 'node:assert';
import { countOf } from './support/expect.mjs';
import { messageSeenLive } from './support/exchange.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const RECOVERY_MS = 60000;

const cast = useTeam('restart', { channels: ['general'] });

/** The texts of the messages of `page` that are `data-status="sent"`. */
async function shownAsSent(page) {
  return page.log.locator('article[data-status="sent"] .text').allInnerTexts();
}

function expectServerDown(world, down) {
  for (const member of world.members) member.serverDown = down;
}

scenario(cast, 'a restart of the server loses and doubles no message', async ({ world, team, ann, bob }) => {
  const channel = team.channels.general;
  await messageSeenLive(ann, bob, 'Before the restart');

  const burst = ['Burst 1', 'Burst 2', 'Burst 3', 'Burst 4'];
  for (const text of burst) await ann.send(text);
  // Stopped while some of the burst may still wait for their ack.
  expectServerDown(world, true);
  await world.server.stop();
  const sentBeforeStop = await shownAsSent(ann);
  await ann.connection('reconnecting', RECOVERY_MS);
  await ann.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
  await ann.member.screenshot('reconnecting');

  const outbox = ['Written while down 1', 'Written while down 2'];
  for (const text of outbox) {
    await ann.send(text);
    await ann.expectMessage(text, { status: 'pending' });
  }

  await world.server.startAgain();
  await ann.connection('open', RECOVERY_MS);
  await bob.connection('open', RECOVERY_MS);
  expectServerDown(world, false);

  const everything = ['Before the restart', ...burst, ...outbox];
  for (const text of everything) await ann.expectMessage(text, { timeoutMs: RECOVERY_MS });
  const sentNow = await shownAsSent(ann);
  for (const text of sentBeforeStop) assert.ok(sentNow.includes(text), `'${text}' was shown as sent and is no longer`);

  const stored = (await world.api.messages(team.ann.token, channel.id)).map((message) => message.text);
  for (const text of everything) {
    assert.equal(stored.filter((t) => t === text).length, 1, `'${text}' is stored once; the server has ${JSON.stringify(stored)}`);
    await bob.expectMessage(text, { timeoutMs: RECOVERY_MS });
  }
  assert.equal(stored.length, everything.length, `the server has ${JSON.stringify(stored)}`);
  await countOf("Bob's messages", bob.log.locator('article'), everything.length);

  await messageSeenLive(bob, ann, 'After the restart');
});
