// The core exchange once more with the browser going through nginx and the shipped
// docker/nginx/default.conf: the page, its API calls and its WebSocket all pass the proxy.
import { after, before } from 'node:test';

import { seedTeam } from './support/api.mjs';
import { ChatPage } from './support/chat.mjs';
import {
  closeThreads,
  messageSeenLive,
  reactionSeenByBoth,
  threadReply,
  unreadRisesAndClears,
} from './support/exchange.mjs';
import { scenario, World } from './support/world.mjs';

let world;
let team;
let ann;
let bob;
const get = () => world;

before(async () => {
  world = await World.start('nginx', { viaNginx: true });
  team = await seedTeam(world.api);
  ann = new ChatPage(await world.member('Ann', team.ann.token));
  bob = new ChatPage(await world.member('Bob', team.bob.token));
});

after(() => world?.dispose());

scenario(get, 'two members chat through nginx: live message, thread, reaction, unread', async () => {
  const { general, random } = team.channels;
  for (const member of [ann, bob]) {
    await member.goto(`#/o/acme/c/${general.id}`);
    await member.connection('open');
  }
  await messageSeenLive(ann, bob, 'Hello through the proxy');
  await messageSeenLive(bob, ann, 'Loud and clear');
  await threadReply(bob, ann, 'Hello through the proxy', 'A reply through the proxy');
  await closeThreads(ann, bob);
  await reactionSeenByBoth(ann, bob, 'Loud and clear');
  await unreadRisesAndClears(ann, bob, general, random, ['Proxied unread one', 'Proxied unread two']);
  await ann.member.screenshot('channel-through-nginx');
});
