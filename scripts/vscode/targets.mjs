// The VS Code versions the extension is tested on (scripts/toolchain/versions.json): the newest
// VS Code server on npm and the oldest version `engines.vscode` claims, each run on the Node that
// VS Code version ships. provisionVsCode() installs one (once; cached) and says where it is.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSIONS, ensureNode } from '../toolchain/node.mjs';

const PROVISION = fileURLToPath(new URL('./provision.sh', import.meta.url));

/** [{ name: 'newest' | 'oldest', vscode, codeServer, node }], newest first. */
export const VSCODE_TARGETS = VERSIONS.vscode;

/** The target called `name` (newest, oldest) or whose VS Code version is `name`. */
export function vscodeTarget(name) {
  const t = VSCODE_TARGETS.find((x) => x.name === name || x.vscode === name);
  if (!t) throw new Error(`unknown VS Code target '${name}' (known: ${VSCODE_TARGETS.map((x) => `${x.name}=${x.vscode}`).join(', ')})`);
  return t;
}

/**
 * Installs the target's Node and VS Code server unless cached. Returns the target with
 * `nodePath` (the node to start server-main.js with) and `codeServerDir` (the code-server
 * package folder); throws with the provisioning's exit status (its log went to stderr).
 */
export function provisionVsCode(target) {
  const nodePath = ensureNode(target.node);
  const r = spawnSync('bash', [PROVISION, target.codeServer, nodePath], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `provisioning VS Code ${target.vscode} (code-server ${target.codeServer}) failed (exit ${r.status ?? r.signal}); see above`,
    );
  const codeServerDir = r.stdout.trim().split('\n').pop();
  return { ...target, nodePath, codeServerDir };
}

/** test-results/vscode-<version>/: each VS Code version's logs, screenshots and results. */
export function resultsDir(root, target) {
  return join(root, 'test-results', `vscode-${target.vscode}`);
}
