// Runs a project script on the project's Node (scripts/toolchain/node.mjs): this machine's Node
// when it is new enough, else the pinned one from the cache (installed from npm on first use).
// `node`, `npm` and `npx` started by the script run on the same Node.
//   node scripts/toolchain/with-node.mjs SCRIPT [ARGS…]      (or any node arguments: --import tsx FILE)
//   node scripts/toolchain/with-node.mjs --print     prints the path of that node
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { envFor, projectNode } from './node.mjs';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: with-node.mjs SCRIPT [ARGS…] | --print');
  process.exit(2);
}
let node;
try {
  node = projectNode();
} catch (e) {
  console.error(`toolchain: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
if (script === '--print') {
  console.log(node);
  process.exit(0);
}
const child = spawn(node, [script, ...args], { stdio: 'inherit', env: envFor(node) });
// A terminal's Ctrl-C reaches the child too (same process group); a signal sent to this process
// alone (kill PID, a CI runner) is passed on, and the child decides how to stop.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (child.exitCode === null) child.kill(sig);
  });
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
});
