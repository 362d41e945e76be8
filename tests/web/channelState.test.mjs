// Unread and mention counts between channel-list refreshes, counted once per seq.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelState } from '../../plugins/chat/web/lib/channelState.js';

const ME = 1;
const OTHER = 2;
const channel = (fields = {}) => ({ id: 7, kind: 'public', name: 'general', last_seq: 10, last_read_seq: 8, unread: 2, mentions: 0, is_member: true, ...fields });
const message = (seq, fields = {}) => ({ id: 100 + seq, channel_id: 7, seq, author_id: OTHER, deleted: false, mentions: [], ...fields });

test('messages of others after the list are counted, own ones are not', () => {
  const state = new ChannelState(channel(), ME);
  state.receive(message(11));
  state.receive(message(12, { author_id: ME }));
  state.receive(message(13, { mentions: [ME] }));
  assert.equal(state.unread, 4);
  assert.equal(state.mentions, 1);
  assert.equal(state.lastSeq, 13);
  assert.equal(state.resumeSeq, 13);
});

test('a backlog replayed after a reconnection is not counted twice', () => {
  const state = new ChannelState(channel(), ME);
  state.receive(message(11));
  state.receive(message(12));
  state.receive(message(11));
  state.receive(message(12));
  state.receive(message(9)); // before the list's last_seq: in the server's count already
  assert.equal(state.unread, 4);
});

test('a gap keeps the resume point below it', () => {
  const state = new ChannelState(channel(), ME);
  state.receive(message(12));
  assert.equal(state.resumeSeq, 10);
  assert.equal(state.unread, 3, 'the message after the gap is shown and counted');
  state.receive(message(11));
  assert.equal(state.resumeSeq, 12);
  assert.equal(state.unread, 4);
});

test('a newer list replaces the counts it covers and keeps what came after it', () => {
  const state = new ChannelState(channel(), ME);
  state.receive(message(11));
  state.receive(message(12, { mentions: [ME] }));
  state.receive(message(13));
  // The list was read after 12 was stored and before 13 was.
  state.refresh(channel({ last_seq: 12, last_read_seq: 8, unread: 4, mentions: 1 }));
  assert.equal(state.unread, 5);
  assert.equal(state.mentions, 1);
  state.receive(message(12));
  assert.equal(state.unread, 5, 'a late copy of a message the list counted');
});

test('an older list does not undo counts', () => {
  const state = new ChannelState(channel(), ME);
  state.receive(message(11));
  state.refresh(channel({ last_seq: 9, unread: 1 }));
  assert.equal(state.unread, 3);
});

test('reading to the newest message clears the counts', () => {
  const state = new ChannelState(channel({ mentions: 1 }), ME);
  state.receive(message(11, { mentions: [ME] }));
  assert.equal(state.markRead(11), true);
  assert.equal(state.unread, 0);
  assert.equal(state.mentions, 0);
  state.receive(message(12));
  assert.equal(state.unread, 1);
});

test('reading part of what arrived since the list leaves the rest unread', () => {
  const state = new ChannelState(channel(), ME);
  state.receive(message(11));
  state.receive(message(12));
  state.receive(message(13));
  assert.equal(state.markRead(12), true);
  assert.equal(state.unread, 1);
});

test('reading to a point inside what the list counted asks for a refresh', () => {
  const state = new ChannelState(channel({ last_read_seq: 2, unread: 8 }), ME);
  assert.equal(state.markRead(5), false);
  assert.equal(state.lastReadSeq, 5);
});

test('a deleted unread message stops counting', () => {
  const state = new ChannelState(channel({ unread: 0, last_read_seq: 10 }), ME);
  state.receive(message(11, { mentions: [ME] }));
  state.deleted(message(11, { deleted: true }));
  assert.equal(state.unread, 0);
  assert.equal(state.mentions, 0);
});

test('a channel event without counts keeps the counts', () => {
  const state = new ChannelState(channel(), ME);
  state.refresh({ id: 7, name: 'renamed', topic: 'new topic', last_seq: 10 });
  assert.equal(state.channel.name, 'renamed');
  assert.equal(state.unread, 2);
});
