// The usual cast of a test file: Ann (owner and instance administrator) and Bob, seeded through the API
// into the organization `acme` with public channels, each signed in on a page of their own that has
// `open` (a channel's name) open with its realtime connection up.
import { seedTeam } from './api.mjs';
import { ChatPage } from './chat.mjs';
import { useWorld } from './world.mjs';

/** Returns `{world, team, ann, bob}`, filled in before the file's tests run. */
export function useTeam(suite, { viaNginx = false, channels = ['general', 'random'], open = 'general' } = {}) {
  return useWorld(suite, { viaNginx }, async (fixture) => {
    const { world } = fixture;
    fixture.team = await seedTeam(world.api, channels);
    fixture.ann = new ChatPage(await world.member('Ann', fixture.team.ann.token));
    fixture.bob = new ChatPage(await world.member('Bob', fixture.team.bob.token));
    for (const member of [fixture.ann, fixture.bob]) {
      await member.goto(`#/o/${fixture.team.org}/c/${fixture.team.channels[open].id}`);
      await member.connection('open');
    }
  });
}
