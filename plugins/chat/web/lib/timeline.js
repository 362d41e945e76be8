// What a message list shows: the stored messages of a channel (or a thread) and the user's messages
// still in the outbox, each exactly once. An outbox entry whose message is stored already is left out
// (the stored copy wins); acknowledged entries take their place by seq, pending ones come last.

/**
 * @param {object[]} messages stored messages, by seq
 * @param {object[]} entries outbox entries of the same channel and thread, in the order sent
 * @returns {{key: string, message?: object, entry?: object}[]}
 */
export function timeline(messages, entries) {
  const stored = new Set();
  for (const m of messages) if (m.client_id) stored.add(`${m.author_id}:${m.client_id}`);
  const waiting = entries.filter((e) => !stored.has(`${e.authorId}:${e.clientId}`));
  const acknowledged = waiting.filter((e) => e.seq !== null).sort((a, b) => a.seq - b.seq);
  const unacknowledged = waiting.filter((e) => e.seq === null);

  const items = [];
  let next = 0;
  for (const message of messages) {
    while (next < acknowledged.length && acknowledged[next].seq < message.seq) items.push(entryItem(acknowledged[next++]));
    items.push({ key: messageKey(message), message });
  }
  while (next < acknowledged.length) items.push(entryItem(acknowledged[next++]));
  for (const entry of unacknowledged) items.push(entryItem(entry));
  return items;
}

/** The key of a stored message: its client_id when it has one, so a pending row becomes its message. */
function messageKey(message) {
  return message.client_id ? `c:${message.author_id}:${message.client_id}` : `m:${message.id}`;
}

function entryItem(entry) {
  return { key: `c:${entry.authorId}:${entry.clientId}`, entry };
}
