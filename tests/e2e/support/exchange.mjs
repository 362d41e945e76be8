// The core exchange between two members, shared by the test against the server itself and the one through
// nginx: a message seen live, a thread reply, a reaction, and an unread count that rises and clears.
import { strict as assert } from 'node:assert';

import { attributeOf, countOf, eventually, textOf } from './expect.mjs';

/** `from` sends `text` in the channel both have open; `to` sees it arrive without reloading. */
export async function messageSeenLive(from, to, text) {
  await from.send(text);
  const sent = await from.expectMessage(text);
  const received = await to.expectMessage(text);
  await textOf(`${to.name}'s message '${text}'`, received, new RegExp(from.name));
  const id = await sent.getAttribute('data-message-id');
  assert.ok(id, `${from.name}'s sent message has no data-message-id`);
  assert.equal(await received.getAttribute('data-message-id'), id, 'both pages show the same message');
  await eventually(`${from.name}'s composer after sending`, () => from.composer.inputValue(), '');
}

/** `replier` answers `parentText` in its thread; `reader` sees "1 reply" on it and the reply in the thread. */
export async function threadReply(replier, reader, parentText, replyText) {
  await replier.messageAction(replier.message(parentText), 'Reply in thread');
  await replier.thread.waitFor();
  await countOf(`messages holding '${parentText}' in ${replier.name}'s thread`, replier.message(parentText, replier.thread), 1);
  await replier.field('Reply', replier.thread).fill(replyText);
  await replier.field('Reply', replier.thread).press('Enter');
  await replier.expectMessage(replyText, { scope: replier.thread });

  const parent = reader.message(parentText);
  await reader.button('1 reply', parent).click();
  await reader.thread.waitFor();
  await reader.expectMessage(replyText, { scope: reader.thread });
  await reader.expectMessage(parentText, { scope: reader.thread });
  await replier.button('1 reply', replier.message(parentText)).waitFor();
}

/** Closes the thread panel of each page. */
export async function closeThreads(...pages) {
  for (const page of pages) {
    await page.button('Close thread', page.thread).click();
    await countOf(`${page.name}'s thread panels`, page.thread, 0);
  }
}

/** `a` reacts with 👍 to `text`, `b` sees it and adds theirs, then `a` takes theirs back (a toggle). */
export async function reactionSeenByBoth(a, b, text) {
  await a.messageAction(a.message(text), 'Add reaction');
  await a.button('React with 👍').click();
  await a.expectReaction(a.message(text), '👍', 1, true);
  await b.expectReaction(b.message(text), '👍', 1, false);

  await b.reaction(b.message(text), '👍').click();
  await b.expectReaction(b.message(text), '👍', 2, true);
  await a.expectReaction(a.message(text), '👍', 2, true);

  await a.reaction(a.message(text), '👍').click();
  await a.expectReaction(a.message(text), '👍', 1, false);
  await b.expectReaction(b.message(text), '👍', 1, true);
}

/** With `reader` in `elsewhere`, `sender` posts `texts` in `channel`: the reader's badge counts them (so
 *  does the badge in each of `otherTabs`, the reader's other tabs); opening the channel shows them, clears
 *  every badge and moves the reader's read marker on the server (`api`). */
export async function unreadRisesAndClears(api, { sender, reader, channel, elsewhere, texts, otherTabs = [] }) {
  const tabs = [reader, ...otherTabs];
  const what = (tab, index) => `${tab.name}'s unread badge of ${channel.name} (tab ${index + 1})`;
  await reader.openChannel(elsewhere.id);
  for (const [index, tab] of tabs.entries()) await countOf(what(tab, index), tab.unreadBadge(channel.id), 0);
  for (const [sent, text] of texts.entries()) {
    await sender.send(text);
    await sender.expectMessage(text);
    for (const [index, tab] of tabs.entries()) {
      const badge = tab.unreadBadge(channel.id);
      await textOf(what(tab, index), badge, String(sent + 1));
      await attributeOf(what(tab, index), badge, 'aria-label', `${sent + 1} unread`);
    }
  }
  await reader.openChannel(channel.id);
  for (const text of texts) await reader.expectMessage(text);
  for (const [index, tab] of tabs.entries()) await countOf(what(tab, index), tab.unreadBadge(channel.id), 0);
  const unreadOnServer = async () => (await api.call('GET', `/api/channels/${channel.id}`, { token: reader.member.token })).unread;
  await eventually(`${reader.name}'s unread count of ${channel.name} on the server`, unreadOnServer, 0);
}
