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

/** With `reader` in `elsewhere`, `sender` posts `texts` in `channel`: the reader's badge counts them;
 *  opening the channel shows them and clears it. */
export async function unreadRisesAndClears(sender, reader, channel, elsewhere, texts) {
  await reader.openChannel(elsewhere.id);
  await countOf(`${reader.name}'s unread badges of ${channel.name}`, reader.unreadBadge(channel.id), 0);
  for (const [index, text] of texts.entries()) {
    await sender.send(text);
    await sender.expectMessage(text);
    const badge = reader.unreadBadge(channel.id);
    await textOf(`${reader.name}'s unread badge of ${channel.name}`, badge, String(index + 1));
    await attributeOf(`${reader.name}'s unread badge of ${channel.name}`, badge, 'aria-label', `${index + 1} unread`);
  }
  await reader.openChannel(channel.id);
  for (const text of texts) await reader.expectMessage(text);
  await countOf(`${reader.name}'s unread badges of ${channel.name}`, reader.unreadBadge(channel.id), 0);
}
