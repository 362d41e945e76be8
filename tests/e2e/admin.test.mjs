// What the owner and the instance administrator do from the header: download the organization's export,
// and run a backup from the Backups dialog.
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { countOf, eventually } from './support/expect.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const cast = useTeam('admin', { channels: ['general'] });

scenario(cast, 'only the owner, an administrator, sees Export organization and Backups', async ({ ann, bob }) => {
  await ann.button('Export organization', ann.banner).waitFor();
  await ann.button('Backups', ann.banner).waitFor();
  await ann.button('Invite people', ann.banner).waitFor();
  await bob.button('Sign out', bob.banner).waitFor();
  for (const name of ['Export organization', 'Backups', 'Invite people']) {
    await countOf(`Bob's '${name}' buttons`, bob.button(name, bob.banner), 0);
  }
});

scenario(cast, "the owner's Export organization downloads a JSON export holding the messages", async ({ world, ann, bob }) => {
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

scenario(cast, "an administrator's Back up now appears in the Backups list as ok", async ({ world, team, ann }) => {
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
