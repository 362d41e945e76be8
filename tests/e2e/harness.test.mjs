// The fixtures the browser tests stand on, without a browser: nginx is rendered from the shipped file the
// way the C++ proxy tests render it (and refuses a file it could not follow), and a restarted server keeps
// its port and database.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { Api, PASSWORD } from './support/api.mjs';
import { paths } from './support/env.mjs';
import { renderNginxSite, shippedSite } from './support/nginx.mjs';
import { OcommsServer } from './support/server.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'ocomms-e2e-harness-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('the shipped nginx site is rendered with only its upstream and listen lines changed', () => {
  const original = readFileSync(shippedSite(), 'utf8').split('\n');
  const rendered = renderNginxSite(shippedSite(), 4001, 4002).split('\n');
  assert.equal(rendered.length, original.length);
  const changed = rendered.filter((line, index) => line !== original[index]).map((line) => line.trim());
  assert.deepEqual(changed, ['server 127.0.0.1:4001;', 'listen 127.0.0.1:4002;']);
});

test('a site without the upstream line, or with the listen line twice, is refused naming the line', () => {
  const text = readFileSync(shippedSite(), 'utf8');
  const missing = join(scratch, 'missing.conf');
  writeFileSync(missing, text.replace('server app:8080;', 'server app:9090;'));
  assert.throws(() => renderNginxSite(missing, 1, 2), /expected the line 'server app:8080;' exactly once, found it 0 times/);
  const doubled = join(scratch, 'doubled.conf');
  writeFileSync(doubled, text.replace('listen 80;', 'listen 80;\n    listen 80;'));
  assert.throws(() => renderNginxSite(doubled, 1, 2), /expected the line 'listen 80;' exactly once, found it 2 times/);
});

test('a restarted server answers on the same port with the same database', async () => {
  const artifactDir = join(paths.artifacts, 'harness');
  mkdirSync(artifactDir, { recursive: true });
  const server = await OcommsServer.start({ artifactDir });
  try {
    const api = new Api(server.url);
    await api.registerFirst({ name: 'Ann', email: 'ann@example.com', orgName: 'Acme', orgSlug: 'acme' });
    await server.restart();
    const login = await api.call('POST', '/api/auth/login', { body: { email: 'ann@example.com', password: PASSWORD } });
    assert.deepEqual((await api.me(login.token)).memberships.map((m) => m.org.slug), ['acme']);
  } finally {
    await server.dispose();
  }
});
