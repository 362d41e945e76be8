// Where the end-to-end tests find what they drive. CTest sets these (tests/e2e/CMakeLists.txt);
// scripts/test adds OCOMMS_TEST_NGINX. A missing one fails the test with its name, never skips it.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through ctest -L e2e (or scripts/test)`);
  return value;
}

function executable(path, what) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${what} not found at ${path}: ${installHint[what] ?? ''}`);
  }
  return path;
}

const installHint = {
  chromium: "install Debian's chromium (scripts/lib/install-deps.sh test) or set OCOMMS_CHROMIUM",
  nginx: "install Debian's nginx (scripts/lib/install-deps.sh test) or set OCOMMS_TEST_NGINX",
  ocomms: 'build the ocomms_runtime target first',
};

export const paths = {
  get binary() {
    return executable(required('OCOMMS_BINARY'), 'ocomms');
  },
  get pluginDir() {
    return required('OCOMMS_PLUGIN_DIR');
  },
  get sourceDir() {
    return required('OCOMMS_SOURCE_DIR');
  },
  get artifacts() {
    return required('OCOMMS_E2E_ARTIFACTS');
  },
  get nginx() {
    return executable(process.env.OCOMMS_TEST_NGINX || '/usr/sbin/nginx', 'nginx');
  },
  get chromium() {
    return executable(process.env.OCOMMS_CHROMIUM || '/usr/bin/chromium', 'chromium');
  },
};

/** playwright-core, installed into the build folder from tests/e2e/package-lock.json (ES modules ignore
 *  NODE_PATH, so it is required from there). */
export function playwright() {
  const modules = required('OCOMMS_E2E_NODE_MODULES');
  const require = createRequire(join(modules, '..', 'package.json'));
  try {
    return require('playwright-core');
  } catch (error) {
    throw new Error(`playwright-core is not installed in ${modules} (the build installs it with npm ci from ` +
      `tests/e2e/package-lock.json: build the ocomms_e2e_test_deps target): ${error.message}`);
  }
}
