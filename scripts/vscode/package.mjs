// npm run package: builds the minified bundles (scripts/build.mjs --production) and packs
// vscode-fluentd-<version>.vsix with @vscode/vsce. Everything the extension runs is bundled,
// so no node_modules go in (--no-dependencies); .vscodeignore is an allowlist of what does.
// Prints the package's size and contents, and fails when it holds anything it should not.
//   node scripts/vscode/package.mjs [--out FILE] [--skip-build]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './build-tests.mjs';
import { listVsix } from './vsix.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, `${pkg.name}-${pkg.version}.vsix`) },
    'skip-build': { type: 'boolean', default: false },
  },
});

function run(cmd, cmdArgs) {
  console.log(`$ ${[cmd, ...cmdArgs].map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${cmd} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

if (!args['skip-build']) run(process.execPath, ['scripts/build.mjs', '--production']);
// No repository field: the project has no public home yet, and vsce would otherwise ask.
run(process.execPath, [
  join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  // README pictures (docs/images/…) stay relative: with no repository vsce cannot rewrite them and would refuse
  '--no-rewrite-relative-links',
  '--out',
  args.out,
]);

const entries = listVsix(args.out);
const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
const allowed = [
  // dist/extension.js loads the parts (cloudwatch, kube, client) on first use: see scripts/build.mjs
  /^dist\/(extension|cloudwatch|kube|client|simulate|server|cli)\.js$/,
  // the simulator webviews' script (src/ui/simulate/webview) and the config test schema
  /^dist\/webview\/simulate\.js$/,
  /^schemas\/fluent-test\.schema\.json$/,
  /^syntaxes\//,
  /^snippets\//,
  /^language-configuration\.json$/,
  /^media\//,
  /^package\.json$/,
  /^readme\.md$/i,
  /^changelog\.md$/i,
  /^license(\.txt|\.md)?$/i,
];
const stray = files.filter((f) => !allowed.some((re) => re.test(f.name)));
const required = [
  'dist/extension.js',
  'dist/cloudwatch.js',
  'dist/kube.js',
  'dist/client.js',
  'dist/simulate.js',
  'dist/webview/simulate.js',
  'dist/server.js',
  'package.json',
  'media/icon.png',
  'media/manifests/daemonset.yaml',
  'media/manifests/forward-aggregator/deployment.yaml',
  'media/manifests/syslog-opensearch/deployment.yaml',
];
const missing = required.filter((r) => !files.some((f) => f.name === r));

const size = statSync(args.out).size;
console.log(
  `\npackage: ${relative(process.cwd(), args.out) || args.out} — ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes), ${files.length} files:`,
);
for (const f of files) console.log(`  ${String(f.size).padStart(9)}  ${f.name}`);
if (stray.length) console.error(`package: files that should not be in the package: ${stray.map((f) => f.name).join(', ')}`);
if (missing.length) console.error(`package: missing from the package: ${missing.join(', ')}`);
if (size > 3 * 1024 * 1024) console.warn(`package: larger than the 3 MB goal`);
process.exit(stray.length || missing.length ? 1 : 0);
