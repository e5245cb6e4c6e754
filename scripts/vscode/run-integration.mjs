// The integration tier: builds the extension and the suites, installs the VS Code server
// if needed, runs the suites inside it (test/harness/vscode.ts) and prints
// `integration: N passed, N failed`. Exits non-zero on any failure or when no verdict
// could be had. Logs and screenshots land in test-results/.
//   node scripts/vscode/run-integration.mjs [--grep PATTERN] [--timeout SECONDS] [--skip-build]
// --skip-build uses the dist/ already there (e.g. while iterating on the suites).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { ROOT, TESTS_OUT, buildIntegrationTests } from './build-tests.mjs';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const timeoutS = Number(args.timeout);
if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
  console.error(`--timeout must be a positive number of seconds, got ${args.timeout}`);
  process.exit(2);
}

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
function fail(message) {
  console.error(`\nintegration: ${message}`);
  console.log('integration: 0 passed, 1 failed');
  process.exit(1);
}

if (!args['skip-build']) {
  console.log('\n$ node scripts/build.mjs');
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
    fail('the extension did not build');
  }
}
const testsIndex = await buildIntegrationTests();
console.log(`integration: built suites into ${TESTS_OUT} (${secs()})`);

const prov = spawnSync('bash', [join(ROOT, 'scripts/vscode/provision.sh')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (prov.status !== 0) fail('provisioning the VS Code server failed (see above)');
const codeServerDir = prov.stdout.trim().split('\n').pop();
console.log(`integration: VS Code server ready (${secs()})`);

// A copy, so tests may edit and save fixture files without touching the repository.
const workspace = mkdtempSync(join(tmpdir(), 'vscode-fluentd-workspace-'));
cpSync(join(ROOT, 'test/integration/workspace'), workspace, { recursive: true });

const harness = await tsImport('../../test/harness/vscode.ts', import.meta.url);
let results;
try {
  results = await harness.runIntegrationTests({
    codeServerDir,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: testsIndex,
    workspace,
    outputDir: join(ROOT, 'test-results'),
    timeoutMs: timeoutS * 1000,
    env: args.grep ? { VSCODE_FLUENTD_TEST_GREP: args.grep } : {},
  });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
} finally {
  rmSync(workspace, { recursive: true, force: true });
}

console.log('');
for (const t of results.tests) {
  const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-';
  console.log(`  ${mark} ${t.fullTitle}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
  if (t.error) console.log(`      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
}
console.log(`\nintegration: finished in ${secs()}; logs and screenshots in test-results/`);
const ok = results.failed === 0 && results.passed > 0;
if (results.passed === 0 && results.failed === 0) console.error('integration: no test ran');
console.log(`integration: ${results.passed} passed, ${results.failed} failed${results.pending ? `, ${results.pending} skipped` : ''}`);
process.exit(ok ? 0 : 1);
