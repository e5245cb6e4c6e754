// npm run test:vsix — the package as a user installs it: packs the .vsix (npm run package),
// installs it with the VS Code server's --install-extension into a fresh extensions folder,
// opens the fixture workspace with the installed copy (production mode, not the repository) and runs test/integration/vsix/smoke.test.ts in its extension host.
// Prints `vsix: N passed, N failed` and the installed extension's activation time.
//   node scripts/vscode/run-vsix-smoke.mjs [--vscode newest|oldest|VERSION] [--vsix FILE] [--timeout SECONDS]
// --vscode picks the VS Code version (default newest; npm test runs both); --vsix tests an
// existing package instead of building one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { bundleSuites, ROOT } from './build-tests.mjs';
import { provisionVsCode, resultsDir, vscodeTarget } from './targets.mjs';

const { values: args } = parseArgs({
  options: {
    vscode: { type: 'string', default: 'newest' },
    vsix: { type: 'string' },
    timeout: { type: 'string', default: '180' },
  },
});
const target = vscodeTarget(args.vscode);
const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
function fail(message) {
  console.error(`\nvsix (VS Code ${target.vscode}): ${message}`);
  console.log('vsix: 0 passed, 1 failed');
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = args.vsix ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
if (!args.vsix) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/vscode/package.mjs'), '--out', vsix], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail('npm run package failed (see above)');
} else if (!existsSync(vsix)) {
  fail(`${vsix} does not exist`);
}
console.log(`vsix: packaged ${vsix} (${secs()})`);

// The smoke suite with the integration runner's index (it runs the *.test.js next to it).
const outDir = join(ROOT, 'out', 'vsix-smoke');
rmSync(outDir, { recursive: true, force: true });
await bundleSuites(
  {
    index: join(ROOT, 'test/integration/index.ts'),
    'smoke.test': join(ROOT, 'test/integration/vsix/smoke.test.ts'),
  },
  outDir,
);

// VS Code runs extensionTestsPath only alongside an extensionDevelopmentPath, and every
// extension found there runs in development mode. So the development path is an empty runner
// extension with another id: ours is only the installed copy, in production mode.
const runnerExtension = join(outDir, 'runner-extension');
mkdirSync(runnerExtension, { recursive: true });
writeFileSync(
  join(runnerExtension, 'package.json'),
  JSON.stringify(
    {
      name: 'vsix-smoke-runner',
      publisher: 'vscode-fluentd-tests',
      version: '0.0.0',
      description: 'Carries the .vsix smoke tests; contributes nothing.',
      engines: { vscode: pkg.engines.vscode },
    },
    null,
    2,
  ),
);

let vscode;
try {
  vscode = provisionVsCode(target);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

const workspace = mkdtempSync(join(tmpdir(), 'vscode-fluentd-vsix-workspace-'));
cpSync(join(ROOT, 'test/integration/workspace'), workspace, { recursive: true });
const outputDir = join(resultsDir(ROOT, target), 'vsix');
rmSync(join(outputDir, 'activation.json'), { force: true });

const harness = await tsImport('../../test/harness/vscode.ts', import.meta.url);
let results;
try {
  results = await harness.runIntegrationTests({
    codeServerDir: vscode.codeServerDir,
    nodePath: vscode.nodePath,
    installVsix: [vsix],
    extensionDevelopmentPath: runnerExtension,
    extensionTestsPath: join(outDir, 'index.js'),
    workspace,
    outputDir,
    timeoutMs: Number(args.timeout) * 1000,
  });
} catch (e) {
  rmSync(workspace, { recursive: true, force: true });
  fail(e instanceof Error ? e.message : String(e));
}
rmSync(workspace, { recursive: true, force: true });

harness.printResults(results);
const activationFile = join(outputDir, 'activation.json');
if (existsSync(activationFile)) {
  const a = JSON.parse(readFileSync(activationFile, 'utf8'));
  console.log(`\nvsix: activation ${a.ms} ms (${a.what})`);
}
console.log(`vsix: VS Code ${target.vscode} finished in ${secs()}; logs and screenshots in ${outputDir}`);
// the closing line in the plain form CI reads ('word: N passed, N failed'); the version is said above
console.log(`vsix: ${results.passed} passed, ${results.failed} failed${results.pending ? `, ${results.pending} skipped` : ''}`);
process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
