// fluentd-lint as its own npm package: packed from this repository (scripts/cli/pack.mjs),
// installed into an empty folder with npm, offline, and run there the ways a pipeline would
// (`npx fluentd-lint`, the bin link), on the newest Node and on the oldest its engines allow.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from './harness';

const work = mkdtempSync(join(tmpdir(), 'fluentd-lint-package-'));
const project = join(work, 'project');
let tarball = '';
after(() => rmSync(work, { recursive: true, force: true }));

function sh(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }) {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (r.error) throw r.error;
  return r;
}

/** The oldest Node the package claims (engines.node), from the project's Node cache (installed on first use). */
function oldestNode(): string {
  const r = sh(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { ensureNode, VERSIONS } from './scripts/toolchain/node.mjs'; const t = VERSIONS.vscode.find((x) => x.name === 'oldest'); console.log(ensureNode(t.node));`,
    ],
    { cwd: repoRoot },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe('the fluentd-lint npm package', () => {
  before(() => {
    const r = sh(process.execPath, ['scripts/cli/pack.mjs', '--out', work], { cwd: repoRoot });
    assert.equal(r.status, 0, r.stderr);
    tarball = r.stdout.trim();
    writeFileSync(join(work, 'package.json'), '{}');
    sh('mkdir', ['-p', project], { cwd: work });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pipeline', version: '1.0.0', private: true }));
    // --offline: the package has no dependencies, so nothing may come from the network
    const i = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: project });
    assert.equal(i.status, 0, `npm install failed:\n${i.stdout}\n${i.stderr}`);
    assert.doesNotMatch(i.stderr, /warn/i, 'installing the package prints no warnings');
  });

  test('holds the bundle, its manifest, README and licence, and nothing of the extension', () => {
    const r = sh('tar', ['tzf', tarball], { cwd: work });
    assert.deepEqual(r.stdout.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/bin/fluentd-lint.js',
      'package/package.json',
    ]);
    const installed = join(project, 'node_modules', 'fluentd-lint');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.equal(manifest.version, JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    assert.deepEqual(manifest.dependencies ?? {}, {});
    const bundle = readFileSync(join(installed, 'bin', 'fluentd-lint.js'), 'utf8');
    assert.ok(bundle.startsWith('#!/usr/bin/env node'));
    assert.doesNotMatch(bundle, /require\("vscode"\)|vscode-languageclient|CloudWatchLogsClient|KubeConfig/);
  });

  test('runs with npx from the project, offline, with findings and exit codes', () => {
    writeFileSync(join(project, 'fluent.conf'), '<match app.**>\n  @type stdout\n  not_a_param 1\n</match>\n<source>\n');
    const r = sh('npx', ['--offline', 'fluentd-lint', '--format', 'json', 'fluent.conf'], { cwd: project });
    assert.equal(r.status, 1, r.stderr);
    const codes = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    assert.ok(codes.includes('unknown-param') && codes.includes('unclosed-element'), codes.join(' '));
    const version = sh('npx', ['--offline', 'fluentd-lint', '--version'], { cwd: project });
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
  });

  test('runs on the oldest Node its engines allow', () => {
    const node = oldestNode();
    const engines = JSON.parse(readFileSync(join(project, 'node_modules', 'fluentd-lint', 'package.json'), 'utf8')).engines.node;
    const v = sh(node, ['--version'], { cwd: project }).stdout.trim();
    assert.equal(`>=${v.slice(1).replace(/\.\d+$/, '.0')}`, engines, `engines.node ${engines} is the oldest Node tested (${v})`);
    const bin = join(project, 'node_modules', '.bin', 'fluentd-lint');
    const r = sh(node, [bin, '--format', 'github', 'fluent.conf'], { cwd: project, env: { PATH: `${dirname(node)}:${process.env.PATH}` } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^::warning file=fluent\.conf,line=3,col=3,endLine=3,endColumn=\d+,title=fluentd-lint unknown-param::/m);
  });
});
