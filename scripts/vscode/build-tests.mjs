// Bundles the integration suites for the extension host (CommonJS, `vscode` and mocha
// left to the host and node_modules): test/integration/{index,*.test}.ts → out/integration/.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_TARGET } from '../bundle-options.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TESTS_OUT = join(ROOT, 'out', 'integration');

export async function buildIntegrationTests() {
  const src = join(ROOT, 'test', 'integration');
  const entryPoints = readdirSync(src)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(src, f));
  rmSync(TESTS_OUT, { recursive: true, force: true }); // no stale suites from deleted files
  await bundleSuites(entryPoints, TESTS_OUT);
  return join(TESTS_OUT, 'index.js');
}

/** Bundles suites for the extension host: CommonJS, `vscode` and mocha left to the host and node_modules. */
export async function bundleSuites(entryPoints, outdir) {
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await buildIntegrationTests());
}
