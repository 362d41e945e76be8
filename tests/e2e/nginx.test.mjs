// The core exchange once more with the browser going through nginx and the shipped
// docker/nginx/default.conf: the page, its API calls and its WebSocket all pass the proxy.
import {
  closeThreads,
  messageSeenLive,
  reactionSeenByBoth,
  threadReply,
  unreadRisesAndClears,
} from './support/exchange.mjs';
import { useTeam } from './support/team.mjs';
import { scenario } from './support/world.mjs';

const cast = useTeam('nginx', { viaNginx: true });

scenario(cast, 'two members chat through nginx: live message, thread, reaction, unread', async ({ world, ann, bob, team }) => {
  const { general, random } = team.channels;
  await messageSeenLive(ann, bob, 'Hello through the proxy');
  await messageSeenLive(bob, ann, 'Loud and clear');
  await threadReply(bob, ann, 'Hello through the proxy', 'A reply through the proxy');
  await closeThreads(ann, bob);
  await reactionSeenByBoth(ann, bob, 'Loud and clear');
  await unreadRisesAndClears(world.api, {
    sender: ann,
    reader: bob,
    channel: general,
    elsewhere: random,
    texts: ['Proxied unread one', 'Proxied unread two'],
  });
  await ann.member.screenshot('channel-through-nginx');
});
