// Hash routes of the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute, channelHref, orgHref, inviteLink } from '../../plugins/chat/web/lib/router.js';

test('routes are read from the hash', () => {
  assert.deepEqual(parseRoute(''), { name: 'home' });
  assert.deepEqual(parseRoute('#/'), { name: 'home' });
  assert.deepEqual(parseRoute('#/o/acme'), { name: 'org', slug: 'acme' });
  assert.deepEqual(parseRoute('#/o/acme/c/42'), { name: 'channel', slug: 'acme', channelId: 42 });
  assert.deepEqual(parseRoute('#/invite/Zt8-abc_DEF'), { name: 'invite', token: 'Zt8-abc_DEF' });
});

test('unknown or malformed routes lead home', () => {
  assert.deepEqual(parseRoute('#/o/acme/c/not-a-number'), { name: 'home' });
  assert.deepEqual(parseRoute('#/elsewhere'), { name: 'home' });
  assert.deepEqual(parseRoute('#/o/%E0%A4%A/c/1'), { name: 'channel', slug: '%E0%A4%A', channelId: 1 }, 'a bad escape is kept as written');
});

test('links are made the way they are read', () => {
  assert.deepEqual(parseRoute(channelHref('acme', 7)), { name: 'channel', slug: 'acme', channelId: 7 });
  assert.deepEqual(parseRoute(orgHref('acme')), { name: 'org', slug: 'acme' });
  assert.equal(inviteLink('https://chat.example.com', 'Zt8'), 'https://chat.example.com/#/invite/Zt8');
});
