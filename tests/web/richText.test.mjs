// Mentions and links are split out of message text as data; everything else stays text, including
// text that looks like HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { richText, mentionNames, findMentions, mentionsUser, mentionAt, mentionCandidates } from '../../plugins/chat/web/lib/richText.js';

const members = [
  { id: 1, display_name: 'Ann Lee', email: 'ann.lee@example.com' },
  { id: 2, display_name: 'Bob', email: 'robert@example.com' },
  { id: 3, display_name: 'José', email: 'jose@example.com' },
];
const names = mentionNames(members);
const joined = (pieces) => pieces.map((p) => p.text).join('');

test('a display name without spaces and an email local part both mention', () => {
  const pieces = richText('hi @AnnLee and @robert!', names);
  assert.deepEqual(pieces, [
    { type: 'text', text: 'hi ' },
    { type: 'mention', text: '@AnnLee', userIds: [1] },
    { type: 'text', text: ' and ' },
    { type: 'mention', text: '@robert', userIds: [2] },
    { type: 'text', text: '!' },
  ]);
});

test('names match in any ASCII case and lose a trailing full stop', () => {
  assert.deepEqual(findMentions('thanks @BOB.', names).map((m) => [m.start, m.end]), [[7, 11]]);
  assert.deepEqual(findMentions('ask @ann.lee.', names).map((m) => m.userIds), [[1]]);
  assert.deepEqual(findMentions('@josé', names).map((m) => m.userIds), [[3]]);
});

test('an @ inside a word or an unknown name is not a mention', () => {
  assert.deepEqual(findMentions('mail bob@example.com or @nobody', names), []);
  assert.equal(mentionsUser('x@bob', names, 2), false);
  assert.equal(mentionsUser('(@bob)', names, 2), true);
});

test('text that looks like HTML stays text, and the pieces give the text back', () => {
  const text = '<img src=x onerror=alert(1)> <b>@bob</b> &amp; <script>@AnnLee</script>';
  const pieces = richText(text, names);
  assert.equal(joined(pieces), text);
  assert.deepEqual(pieces.filter((p) => p.type === 'mention').map((p) => p.text), ['@bob', '@AnnLee']);
  assert.ok(pieces.filter((p) => p.type === 'text').some((p) => p.text.includes('<img src=x onerror=alert(1)>')));
});

test('links are http(s) only, without the punctuation that ends a sentence', () => {
  const pieces = richText('see https://example.com/a?b=1. or javascript:alert(1) (http://x.org/y)', names);
  assert.deepEqual(pieces.filter((p) => p.type === 'link').map((p) => p.href), ['https://example.com/a?b=1', 'http://x.org/y']);
  assert.equal(joined(pieces), 'see https://example.com/a?b=1. or javascript:alert(1) (http://x.org/y)');
});

test('an @ inside a link is part of the link', () => {
  const pieces = richText('https://example.com/@bob', names);
  assert.deepEqual(pieces.map((p) => p.type), ['link']);
});

test('newlines are kept in the text pieces', () => {
  assert.equal(joined(richText('line one\n@bob\n\nline three', names)), 'line one\n@bob\n\nline three');
});

test('the mention being typed is found at the caret, not inside a word', () => {
  assert.deepEqual(mentionAt('hello @an', 9), { start: 6, prefix: 'an' });
  assert.deepEqual(mentionAt('@', 1), { start: 0, prefix: '' });
  assert.equal(mentionAt('mail bob@ex', 11), null);
  assert.equal(mentionAt('@ann done', 9), null, 'the caret is past the name');
});

test('candidates match the handle, the email and any word of the name, handles first', () => {
  const picks = (prefix) => mentionCandidates(members, prefix).map((c) => c.handle);
  assert.deepEqual(picks('a'), ['AnnLee']);
  assert.deepEqual(picks('lee'), ['AnnLee'], 'a later word of the name');
  assert.deepEqual(picks('rob'), ['Bob'], 'the email local part');
  assert.deepEqual(picks(''), ['AnnLee', 'Bob', 'José']);
  assert.deepEqual(picks('zz'), []);
});
