// Debian's nginx in front of a test server with the shipped docker/nginx/default.conf, rendered as
// tests/support/NginxProxy.cpp does: only the upstream line and the listen line changed, and the same
// wrapper nginx.conf. Runs in the foreground as a child process, in a temporary folder of its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { paths } from './env.mjs';
import { freePort, readLog, startLogged, stopChild, waitUntilAnswering } from './process.mjs';

/** docker/nginx/default.conf, as the compose deployment mounts it into nginx's conf.d. */
export function shippedSite() {
  return join(paths.sourceDir, 'docker', 'nginx', 'default.conf');
}

/** Replaces the one line of `lines` that reads `expected` (apart from indentation) with `replacement`,
 *  keeping the indentation; throws naming the file when it is not there exactly once. */
function replaceLine(lines, file, expected, replacement) {
  const found = lines.map((line, index) => [line.trim(), index]).filter(([text]) => text === expected);
  if (found.length !== 1) {
    throw new Error(`${file}: expected the line '${expected}' exactly once, found it ${found.length} times; ` +
      'the end-to-end tests render this file');
  }
  const index = found[0][1];
  lines[index] = lines[index].match(/^[ \t]*/)[0] + replacement;
}

/** The text of `site` with `server app:8080;` pointing at `upstreamPort` and `listen 80;` at
 *  127.0.0.1:`listenPort`, nothing else changed. */
export function renderNginxSite(site, upstreamPort, listenPort) {
  const lines = readFileSync(site, 'utf8').split('\n');
  replaceLine(lines, site, 'server app:8080;', `server 127.0.0.1:${upstreamPort};`);
  replaceLine(lines, site, 'listen 80;', `listen 127.0.0.1:${listenPort};`);
  return lines.join('\n');
}

export class NginxProxy {
  /** Renders the shipped site for `upstreamPort`, checks it with `nginx -t`, starts nginx on `port` (default:
   *  a free one) and waits until /nginx-health answers. */
  static async start({ artifactDir, upstreamPort, port }) {
    const proxy = new NginxProxy(artifactDir, upstreamPort, port ?? (await freePort()));
    try {
      await proxy.#launch();
    } catch (error) {
      rmSync(proxy.#dir, { recursive: true, force: true });
      throw error;
    }
    return proxy;
  }

  #dir;
  #child = null;

  constructor(artifactDir, upstreamPort, port) {
    this.artifactDir = artifactDir;
    this.#dir = mkdtempSync(join(tmpdir(), 'ocomms-e2e-nginx-'));
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.siteConfig = join(this.#dir, 'default.conf');
    this.errorLog = join(this.#dir, 'error.log');
    writeFileSync(this.siteConfig, renderNginxSite(shippedSite(), upstreamPort, port));
    writeFileSync(this.#mainConfig, this.#wrapper());
  }

  get #mainConfig() {
    return join(this.#dir, 'nginx.conf');
  }

  #wrapper() {
    const dir = this.#dir;
    // Started by root (as in CI), nginx would run its workers as nobody, who may not be allowed into this
    // root-owned temporary folder to write its temporary files.
    const user = process.geteuid() === 0 ? 'user root;\n' : '';
    return `${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body_temp;
    proxy_temp_path ${dir}/proxy_temp;
    fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp;
    scgi_temp_path ${dir}/scgi_temp;
    include ${this.siteConfig};
}
`;
  }

  /** nginx's command line with `extra` arguments; -e because nginx opens its error log before it reads the
   *  configuration, by default in /var/log/nginx. */
  #command(...extra) {
    return [paths.nginx, ...extra, '-p', `${this.#dir}/`, '-c', this.#mainConfig, '-e', this.errorLog];
  }

  async #launch() {
    const [binary, ...args] = this.#command('-t');
    try {
      execFileSync(binary, args, { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`nginx -t refused ${this.#mainConfig} (site rendered from ${shippedSite()}):\n` +
        `${error.stderr ?? error.message}`);
    }
    this.#child = startLogged(this.#command('-g', 'daemon off;'), join(this.#dir, 'nginx.out'));
    try {
      await waitUntilAnswering(this.#child, `${this.url}/nginx-health`, () => this.diagnostics(), 30000);
    } catch (error) {
      await stopChild(this.#child, 'SIGKILL');
      this.#child = null;
      throw error;
    }
  }

  /** What nginx printed and logged, for error messages. */
  diagnostics() {
    return `nginx's output:\n${readLog(join(this.#dir, 'nginx.out'))}\nits error log:\n${readLog(this.errorLog)}`;
  }

  /** SIGTERM (nginx's fast shutdown, which open WebSockets do not hold up), then keeps its logs as
   *  <artifacts>/nginx.log and removes its folder. */
  async dispose() {
    if (this.#child) {
      await stopChild(this.#child, 'SIGTERM', 10000);
      this.#child = null;
    }
    writeFileSync(join(this.artifactDir, 'nginx.log'),
      `${this.diagnostics()}\naccess log:\n${readLog(join(this.#dir, 'access.log'))}`);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
