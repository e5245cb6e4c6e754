// The standard runner for the integration suites, for machines that can download VS Code:
//   npx vscode-test            (@vscode/test-cli + @vscode/test-electron)
// Here, where nothing can be downloaded, `npm run test:integration` runs the same suites
// in the VS Code server from code-server instead (scripts/vscode/run-integration.mjs).
// Loading this config builds the extension and bundles the suites into out/integration/.
import { defineConfig } from '@vscode/test-cli';
import { spawnSync } from 'node:child_process';
import { buildIntegrationTests } from './scripts/vscode/build-tests.mjs';

if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) {
  throw new Error('the extension did not build (node scripts/build.mjs)');
}
await buildIntegrationTests();

export default defineConfig({
  files: 'out/integration/*.test.js',
  // the VS Code the server-based runner uses (code-server 4.100.3)
  version: '1.100.3',
  workspaceFolder: './test/integration/workspace',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30_000 },
});
