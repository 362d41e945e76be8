// What one test file runs against: a fresh server (optionally behind nginx), one chromium, the REST API,
// and the members' pages. `useWorld` gives a test file its own; `scenario` wraps node:test's `test` so
// that a step that fails leaves screenshots of every page and the end of the server's log, and a step
// that passes still fails on page problems.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Api } from './api.mjs';
import { launchBrowser, Member } from './browser.mjs';
import { paths } from './env.mjs';
import { NginxProxy } from './nginx.mjs';
import { freePort } from './process.mjs';
import { OcommsServer } from './server.mjs';

export class World {
  /** `suite` names the artifacts folder (<OCOMMS_E2E_ARTIFACTS>/<suite>); `viaNginx`: the browser and
   *  the API go through nginx with the shipped configuration. */
  static async start(suite, { viaNginx = false } = {}) {
    const artifactDir = join(paths.artifacts, suite);
    rmSync(artifactDir, { recursive: true, force: true });
    mkdirSync(artifactDir, { recursive: true });
    const world = new World(artifactDir);
    try {
      if (viaNginx) {
        const nginxPort = await freePort();
        world.server = await OcommsServer.start({ artifactDir, publicUrl: `http://127.0.0.1:${nginxPort}` });
        world.nginx = await NginxProxy.start({ artifactDir, upstreamPort: world.server.port, port: nginxPort });
      } else {
        world.server = await OcommsServer.start({ artifactDir });
      }
      world.baseURL = world.server.publicUrl;
      world.api = new Api(world.baseURL);
      world.browser = await launchBrowser();
    } catch (error) {
      await world.dispose();
      throw error;
    }
    return world;
  }

  members = [];
  server = null;
  nginx = null;
  browser = null;

  constructor(artifactDir) {
    this.artifactDir = artifactDir;
  }

  /** A member's browser context and page, signed in with `token` when given; the page is still blank. */
  async member(name, token) {
    const member = await Member.open(this.browser, { name, baseURL: this.baseURL, artifactDir: this.artifactDir, token });
    this.members.push(member);
    return member;
  }

  /** Screenshots of every page and the end of the server's log, after `step` failed. */
  async captureFailure(step) {
    const file = step.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    for (const member of this.members) {
      try {
        const path = await member.screenshot(`failed-${file}-${member.name.toLowerCase()}`);
        process.stderr.write(`screenshot of ${member.name}'s page: ${path}\n`);
      } catch (error) {
        process.stderr.write(`no screenshot of ${member.name}'s page: ${error.message}\n`);
      }
      if (member.problems.length) process.stderr.write(`${member.name}'s page problems:\n  ${member.problems.join('\n  ')}\n`);
    }
    if (this.server) {
      const log = this.server.log().split('\n');
      process.stderr.write(`last lines of ${this.server.logFile}:\n${log.slice(-60).join('\n')}\n`);
    }
    if (this.nginx) process.stderr.write(`${this.nginx.diagnostics()}\n`);
  }

  assertNoProblems() {
    for (const member of this.members) member.assertNoProblems();
  }

  async dispose() {
    for (const member of this.members.splice(0)) await member.close().catch(() => {});
    await this.browser?.close();
    await this.nginx?.dispose();
    await this.server?.dispose();
  }
}

/** Starts a World for this test file before its tests (then runs `setUp(fixture)`, which may add to the
 *  fixture) and disposes of it after them; the returned object's `world` is set once the tests run. */
export function useWorld(suite, options, setUp = async () => {}) {
  const fixture = {};
  before(async () => {
    fixture.world = await World.start(suite, options);
    try {
      await setUp(fixture);
    } catch (error) {
      await fixture.world.captureFailure('set-up');
      throw error;
    }
  });
  after(() => fixture.world?.dispose());
  return fixture;
}

/** A test of `fixture.world` (see useWorld), given `fixture`. Tests of one file run in order and may build
 *  on each other. */
export function scenario(fixture, name, body, { timeout = 120000 } = {}) {
  test(name, { timeout }, async () => {
    const { world } = fixture;
    try {
      await body(fixture);
      world.assertNoProblems();
    } catch (error) {
      await world.captureFailure(name);
      throw error;
    }
  });
}
