// The REST wrapper: errors carry the API's code and words; downloads keep the server's file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, filenameOf, ApiError } from '../../plugins/chat/web/lib/api.js';

const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

test('an API error is thrown with its code and message', async () => {
  const api = createApi({ fetchImpl: async () => json(409, { error: { code: 'slug_taken', message: "slug: an organization named 'acme' already exists" } }) });
  await assert.rejects(api.post('/api/orgs', { slug: 'acme', name: 'Acme' }), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 409);
    assert.equal(error.code, 'slug_taken');
    assert.equal(error.message, "slug: an organization named 'acme' already exists");
    return true;
  });
});

test('too many attempts says when to try again', async () => {
  const api = createApi({ fetchImpl: async () => json(429, { error: { code: 'too_many_attempts', message: 'too many failed sign-in attempts; try again later' } }, { 'Retry-After': '42' }) });
  await assert.rejects(api.post('/api/auth/login', {}, { signedIn: false }), { message: 'too many failed sign-in attempts; try again later (in 42 s)' });
});

test('a page that is not JSON and an unreachable server are put in words', async () => {
  const proxy = createApi({ fetchImpl: async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
  await assert.rejects(proxy.get('/api/me'), { code: 'bad_response', message: 'The server answered 502 Bad Gateway. Try again in a moment.' });
  const down = createApi({ fetchImpl: async () => { throw new TypeError('fetch failed'); } });
  await assert.rejects(down.get('/api/me'), { status: 0, code: 'network_error' });
});

test('a 401 of a signed-in request ends the session; one of a sign-in does not', async () => {
  let ended = 0;
  const api = createApi({ fetchImpl: async () => json(401, { error: { code: 'unauthenticated', message: 'sign in first' } }), onUnauthenticated: () => { ended += 1; } });
  await assert.rejects(api.get('/api/orgs/acme'));
  await assert.rejects(api.post('/api/auth/login', {}, { signedIn: false }));
  assert.equal(ended, 1);
});

test('bodies go out as JSON, 204 answers null', async () => {
  const seen = [];
  const api = createApi({ fetchImpl: async (path, init) => { seen.push([path, init.method, init.body, init.headers['Content-Type']]); return new Response(null, { status: 204 }); } });
  assert.equal(await api.post('/api/auth/logout'), null);
  await api.patch('/api/messages/3', { text: 'hi' });
  assert.deepEqual(seen, [['/api/auth/logout', 'POST', undefined, undefined], ['/api/messages/3', 'PATCH', '{"text":"hi"}', 'application/json']]);
});

test('the download file name comes from Content-Disposition', () => {
  assert.equal(filenameOf('attachment; filename="ocomms-export-acme-20261128T114500Z.json"'), 'ocomms-export-acme-20261128T114500Z.json');
  assert.equal(filenameOf("attachment; filename*=UTF-8''caf%C3%A9.json; filename=\"cafe.json\""), 'café.json');
  assert.equal(filenameOf('attachment; filename=plain.json'), 'plain.json');
  assert.equal(filenameOf('attachment'), null);
  assert.equal(filenameOf(null), null);
});
