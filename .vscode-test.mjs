// The standard runner for the integration suites, for machines that can download VS Code:
//   npx vscode-test            (@vscode/test-cli + @vscode/test-electron)
// Here, where nothing can be downloaded, `npm run test:integration` runs the same suites
// in the VS Code server from code-server instead (scripts/vscode/run-integration.mjs).
// Loading this config builds the extension and bundles the suites into out/integration/.
import { defineConfig } from '@vscode/test-cli';
import { spawnSync } from 'node:child_process';
import { buildIntegrationTests } from './scripts/vscode/build-tests.mjs';
import { VSCODE_TARGETS } from './scripts/vscode/targets.mjs';

if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) {
  throw new Error('the extension did not build (node scripts/build.mjs)');
}
await buildIntegrationTests();

// the same two VS Code versions as the server-based runner (scripts/toolchain/versions.json)
export default defineConfig(
  VSCODE_TARGETS.map((target) => ({
    label: `vscode-${target.name}`,
    files: 'out/integration/*.test.js',
    version: target.vscode,
    workspaceFolder: './test/integration/workspace',
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    mocha: { ui: 'bdd', timeout: 30_000 },
  })),
);
