// Child processes of a test (the server, nginx): started with their output in a log file, waited for until
// they answer, stopped with a signal, and killed should the test process end without stopping them.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `argv` with stdout and stderr appended to `logFile`. The child's `exited` promise resolves with
 *  its exit code, or 128 + the signal's number when a signal ended it. */
export function startLogged(argv, logFile) {
  const log = openSync(logFile, 'a');
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', log, log] });
  closeSync(log);
  running.add(child);
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? 128 + signalNumber(signal));
    });
    child.once('error', (error) => {
      running.delete(child);
      child.startError = error;
      resolve(-1);
    });
  });
  return child;
}

const signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };
function signalNumber(signal) {
  return signals[signal] ?? 0;
}

/** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. Returns the exit code. */
export async function stopChild(child, signal = 'SIGTERM', timeoutMs = 30000) {
  if (!running.has(child)) return child.exited;
  child.kill(signal);
  return awaitExit(child, `${signal}`, timeoutMs);
}

/** Waits for the exit of a child that was told to stop (`how`, for the message); SIGKILL after
 *  `timeoutMs`. Returns the exit code. */
export async function awaitExit(child, how, timeoutMs = 30000) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  const outcome = await Promise.race([child.exited, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return outcome;
  child.kill('SIGKILL');
  await child.exited;
  throw new Error(`${child.spawnfile} did not stop within ${timeoutMs} ms of ${how}; killed`);
}

/** Waits until GET `url` answers 200. Throws with `describe()` (logs) when the child exits first or the
 *  time runs out. */
export async function waitUntilAnswering(child, url, describe, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.exited.then((code) => {
    exited = code;
  });
  while (Date.now() < deadline) {
    if (exited !== null) {
      const why = child.startError ? child.startError.message : `exited with ${exited}`;
      throw new Error(`${child.spawnfile} ${why} at start:\n${describe()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${child.spawnfile} did not answer ${url} within ${timeoutMs} ms:\n${describe()}`);
}

/** The text of a log file, or a note that there is none. */
export function readLog(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return `(no log: ${error.message})`;
  }
}
