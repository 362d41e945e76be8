// What the owner and the instance administrator do from the header: download the organization's export,
// and run a backup from the Backups dialog.
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { seedTeam } from './support/api.mjs';
import { ChatPage } from './support/chat.mjs';
import { countOf, eventually } from './support/expect.mjs';
import { scenario, World } from './support/world.mjs';

let world;
let team;
let ann;
let bob;
const get = () => world;

before(async () => {
  world = await World.start('admin');
  team = await seedTeam(world.api, ['general']);
  ann = new ChatPage(await world.member('Ann', team.ann.token));
  bob = new ChatPage(await world.member('Bob', team.bob.token));
  for (const member of [ann, bob]) {
    await member.goto(`#/o/acme/c/${team.channels.general.id}`);
    await member.connection('open');
  }
});

after(() => world?.dispose());

scenario(get, 'only the owner, an administrator, sees Export organization and Backups', async () => {
  await ann.button('Export organization', ann.banner).waitFor();
  await ann.button('Backups', ann.banner).waitFor();
  await ann.button('Invite people', ann.banner).waitFor();
  await bob.button('Sign out', bob.banner).waitFor();
  for (const name of ['Export organization', 'Backups', 'Invite people']) {
    await countOf(`Bob's '${name}' buttons`, bob.button(name, bob.banner), 0);
  }
});

scenario(get, "the owner's Export organization downloads a JSON export holding the messages", async () => {
  await ann.send('Exported words');
  await ann.expectMessage('Exported words');
  await bob.send('More exported words');
  await bob.expectMessage('More exported words');

  const [download] = await Promise.all([
    ann.page.waitForEvent('download'),
    ann.button('Export organization', ann.banner).click(),
  ]);
  assert.match(download.suggestedFilename(), /^ocomms-export-acme-.+\.json$/);
  const file = join(world.artifactDir, download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.format, 'ocomms-export');
  assert.equal(exported.organization.slug, 'acme');
  const texts = exported.entities['chat.messages'].map((message) => message.text);
  assert.deepEqual(texts.filter((text) => text.includes('xported words')), ['Exported words', 'More exported words']);
});

scenario(get, "an administrator's Back up now appears in the Backups list as ok", async () => {
  await ann.button('Backups', ann.banner).click();
  const dialog = ann.dialog('Backups');
  await dialog.waitFor();
  // A run's row has a cell with its status (a table may also show a row saying there are none).
  const runs = dialog.getByRole('row').filter({
    has: ann.page.getByRole('cell', { name: /^(running|ok|failed)$/i }),
  });
  await countOf('backup runs listed', runs, 0);

  await ann.button('Back up now', dialog).click();
  await countOf('backup runs listed', runs, 1);
  await runs.getByRole('cell', { name: /^ok$/i }).waitFor({ timeout: 60000 });
  await ann.member.screenshot('backups');

  const stored = await world.api.backups(team.ann.token);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].status, 'ok');
  assert.equal(stored[0].requested_by, team.ann.user.id);
  await eventually('size shown for the backup', () => runs.innerText(), (text) => text.includes(String(stored[0].size)) || /\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|bytes)/i.test(text));
});
