// The real `ocomms serve` of this build, with the first-party plugins and its SQLite database in a
// temporary folder (the shape of the config tests/support/ServerProcess.cpp writes). restart() stops it
// with SIGTERM and starts it again on the same port and database. Its output goes to <artifacts>/server.log,
// which stays after the test for whoever reads a failure.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

import { paths } from './env.mjs';
import { awaitExit, freePort, readLog, startLogged, stopChild, waitUntilAnswering } from './process.mjs';

export class OcommsServer {
  /** Starts a server on a fresh instance. `port`: where it listens (default: a free one); `publicUrl`: the
   *  address the browser uses (default: its own; behind nginx: nginx's). */
  static async start({ artifactDir, port, publicUrl } = {}) {
    const server = new OcommsServer(artifactDir, port ?? (await freePort()), publicUrl);
    try {
      await server.#launch();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  #dir;
  #child = null;
  #frozen = false;

  constructor(artifactDir, port, publicUrl) {
    this.#dir = mkdtempSync(join(tmpdir(), 'ocomms-e2e-'));
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.publicUrl = publicUrl ?? this.url;
    this.logFile = join(artifactDir, 'server.log');
    this.configFile = join(this.#dir, 'ocomms.yaml');
    writeFileSync(this.configFile, this.#config());
  }

  #config() {
    return `data_dir: "${this.#dir}/data"
server:
  listen: "127.0.0.1:${this.port}"
  public_url: "${this.publicUrl}"
  shutdown_timeout: 5s
database:
  url: "sqlite:${this.#dir}/ocomms.db"
auth:
  secret: "${randomBytes(30).toString('base64url')}"
logging:
  level: info
plugin_dirs:
  - "${paths.pluginDir}"
plugins:
  - name: health
  - name: chat${this.#chatSettings()}
  - name: export
  - name: backup-trigger
    settings:
      every: disabled
`;
  }

  /** OCOMMS_E2E_WEB_DIR: serve the web client from that folder (the chat plugin's development setting
   *  web_dir, read on every request) instead of the files compiled into the plugin, to run these tests
   *  against an edited client without rebuilding. */
  #chatSettings() {
    const webDir = process.env.OCOMMS_E2E_WEB_DIR;
    if (!webDir) return '';
    if (!isAbsolute(webDir)) throw new Error(`OCOMMS_E2E_WEB_DIR must be an absolute path, not '${webDir}'`);
    return `\n    settings:\n      web_dir: ${JSON.stringify(webDir)}`;
  }

  async #launch() {
    writeFileSync(this.logFile, `--- ocomms serve --config ${this.configFile} (${new Date().toISOString()})\n`, {
      flag: 'a',
    });
    this.#child = startLogged([paths.binary, 'serve', '--config', this.configFile], this.logFile);
    try {
      await waitUntilAnswering(this.#child, `${this.url}/api/health/live`, () => this.log());
    } catch (error) {
      await stopChild(this.#child, 'SIGKILL');
      this.#child = null;
      throw error;
    }
  }

  get running() {
    return this.#child !== null;
  }

  /** Freezes the server (SIGSTOP): its connections stay open and nothing is answered, so that what a client
   *  sends meanwhile is surely waiting for its answer when the server is stopped. */
  freeze() {
    this.#child.kill('SIGSTOP');
    this.#frozen = true;
  }

  /** SIGTERM (a frozen server gets SIGCONT right after, so that it wakes up to it), then waits for the exit;
   *  throws unless the server stopped cleanly (exit code 0). */
  async stop() {
    if (!this.#child) return;
    this.#child.kill('SIGTERM');
    if (this.#frozen) this.#child.kill('SIGCONT');
    this.#frozen = false;
    const code = await awaitExit(this.#child, 'SIGTERM');
    this.#child = null;
    if (code !== 0) throw new Error(`ocomms serve exited with ${code} after SIGTERM:\n${this.log()}`);
  }

  /** SIGKILL, as a crash or `kill -9` would: nothing of the server's shutdown runs. */
  async crash() {
    this.#frozen = false;
    const code = await stopChild(this.#child, 'SIGKILL');
    this.#child = null;
    if (code !== 128 + 9) throw new Error(`ocomms serve exited with ${code} instead of being killed:\n${this.log()}`);
  }

  /** Starts the stopped server again: same port, same database. */
  async startAgain() {
    if (this.#child) throw new Error('the server is already running');
    await this.#launch();
  }

  async restart() {
    await this.stop();
    await this.startAgain();
  }

  /** Stops the server (if it runs) and removes its folder. */
  async dispose() {
    try {
      await this.stop();
    } finally {
      rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  log() {
    return readLog(this.logFile);
  }
}
