// Runs the test tiers with node's built-in test runner (TypeScript through tsx).
// `npm test` runs every tier; `npm test -- unit` (or lsp, grammar, …) runs one.
// Tiers are folders under test/; each *.test.ts file in them is a test module.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { VSCODE_TARGETS } from './vscode/targets.mjs';

const TIERS = ['unit', 'lsp', 'cli', 'cloudwatch', 'kube'];
const wanted = process.argv.slice(2);
const tiers = wanted.length ? wanted : TIERS;

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
}

let status = 0;
// The bundles are what the LSP and CLI tiers start as processes.
if (!wanted.length || tiers.some((t) => t !== 'unit')) status ||= run('node', ['scripts/build.mjs']);
// the whole tree type-checked by TypeScript 7 (the native compiler; typescript-eslint runs on 6)
if (!wanted.length) status ||= run('npm', ['run', '--silent', 'typecheck']);
// eslint (typescript-eslint's recommended rules) and prettier's formatting, enforced
if (!wanted.length || tiers.includes('lint')) status ||= run('npm', ['run', '--silent', 'lint']);
if (!wanted.length || tiers.includes('grammar')) status ||= run('node', ['scripts/grammar-test.mjs']);
const files = tiers.filter((t) => t !== 'grammar' && t !== 'integration' && t !== 'lint').flatMap((t) => findTests(join('test', t)));
// Real parts are provisioned before any test starts, so a cold install (the local cluster's
// Go builds — kube-apiserver, controller manager, scheduler, kwok, etcd — take a while on
// 2 cores) never runs inside a test or hook and against its timeout.
const needs = (tier) => tiers.includes(tier) || !wanted.length;
if (status === 0 && needs('kube')) status = run('bash', ['scripts/kube/provision.sh']);
if (status === 0 && needs('cloudwatch')) {
  status = run('node', ['--import', 'tsx', 'scripts/moto/provision.ts']);
}
if (status === 0 && files.length) {
  // a hung test fails after 10 minutes instead of eating the CI budget (long enough for a harness
  // start-up on a loaded machine to time out once and be retried)
  status = run('node', ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=600000', ...files]);
}
// The extension inside a real VS Code, on the newest VS Code server and on the oldest version
// engines.vscode claims (each installed on first use, ~4 min cold; ~90 s a version warm).
if (status === 0 && (!wanted.length || tiers.includes('integration'))) {
  const vsix = join('out', 'vscode-fluentd.vsix');
  for (const target of VSCODE_TARGETS) {
    status ||= run('node', ['scripts/vscode/run-integration.mjs', '--skip-build', '--vscode', target.name]);
  }
  // the packaged .vsix, installed into each (packed once)
  status ||= run('node', ['scripts/vscode/package.mjs', '--out', vsix]);
  for (const target of VSCODE_TARGETS) {
    status ||= run('node', ['scripts/vscode/run-vsix-smoke.mjs', '--vsix', vsix, '--vscode', target.name]);
  }
}
process.exit(status);
