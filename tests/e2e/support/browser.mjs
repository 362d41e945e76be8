// Debian's chromium, headless, driven by playwright-core (no browser of Playwright's own is ever
// downloaded). Each member of a test gets a browser context of its own (own cookies, so own session) and
// one page whose console errors, uncaught exceptions, CSP violations and failed page loads are collected:
// any of them fails the test.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { paths, playwright } from './env.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long a step waits for the page by default; a wait for a condition, never a fixed pause. */
export const STEP_TIMEOUT_MS = 20000;

export async function launchBrowser() {
  const { chromium } = playwright();
  return chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
}

// Messages the browser logs about an HTTP error answer: the client reads those answers (a 401 from
// /api/me says nobody is signed in), so the response listener judges them instead, by URL and status.
const HTTP_ERROR_STATUS = /^Failed to load resource: the server responded with a status of \d+/;
// What the browser logs when the server cannot be reached, expected only while a test has it stopped.
const UNREACHABLE = /^Failed to load resource: net::ERR_|^WebSocket connection to '.*' failed/;

export class Member {
  /** A new context and page for `name` at `baseURL`; `token`: a session to sign in with (the cookie the
   *  server would have set at login). */
  static async open(browser, { name, baseURL, artifactDir, token }) {
    const context = await browser.newContext({ baseURL, acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    if (token) {
      await context.addCookies([
        { name: 'ocomms_session', value: token, url: baseURL, httpOnly: true, sameSite: 'Strict' },
      ]);
    }
    const member = new Member(name, context, artifactDir, token);
    await member.#watch();
    member.page = await context.newPage();
    return member;
  }

  /** Problems seen so far, as lines of text. */
  problems = [];
  /** While true, failures to reach the server are expected (the test stopped it). */
  serverDown = false;

  constructor(name, context, artifactDir, token) {
    this.name = name;
    /** The session the member was signed in with, if any, for checks through the API. */
    this.token = token;
    this.context = context;
    this.artifactDir = artifactDir;
  }

  async #watch() {
    await this.context.exposeBinding('__ocommsE2eCspViolation', (_source, text) => {
      this.problems.push(`CSP violation: ${text}`);
    });
    await this.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__ocommsE2eCspViolation(
          `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    this.context.on('page', (page) => this.#watchPage(page));
  }

  #watchPage(page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (HTTP_ERROR_STATUS.test(text)) return;
      if (this.serverDown && UNREACHABLE.test(text)) return;
      const { url, lineNumber } = message.location();
      this.problems.push(`console error: ${text} (${url}:${lineNumber})`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught exception: ${error.stack ?? error.message}`));
    page.on('crash', () => this.problems.push('the page crashed'));
    page.on('response', (response) => {
      const status = response.status();
      const path = new URL(response.url()).pathname;
      // A file of the page that is missing, or any server error, is a failure; the API's 4xx answers are
      // part of its contract with the client.
      if (status >= 500 || (status >= 400 && !path.startsWith('/api/'))) {
        this.problems.push(`HTTP ${status} for ${response.request().method()} ${response.url()}`);
      }
    });
  }

  /** Another tab of the member's (same session), watched like the first. */
  newTab() {
    return this.context.newPage();
  }

  /** Saves a screenshot of the (first) page as <artifacts>/<file>.png and returns its path. */
  async screenshot(file) {
    mkdirSync(this.artifactDir, { recursive: true });
    const path = join(this.artifactDir, `${file}.png`);
    await this.page.screenshot({ path, fullPage: false });
    return path;
  }

  /** Throws listing every problem seen, and forgets them. */
  assertNoProblems() {
    const seen = this.problems.splice(0);
    if (seen.length) throw new Error(`${this.name}'s page had problems:\n  ${seen.join('\n  ')}`);
  }

  async close() {
    await this.context.close();
  }
}
