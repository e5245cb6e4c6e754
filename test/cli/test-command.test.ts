// `fluentd-lint test` as CI runs it (the built dist/cli.js): exit 0/1/2, the formats, directories.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot, runCli, tempTree } from './harness';

const CONF = '<source>\n  @type forward\n  @id in\n</source>\n<match app.**>\n  @type stdout\n  @id out\n</match>\n';
const PASS =
  'config: fluent.conf\ntests:\n  - name: reaches out\n    input: { tag: app.x, record: { m: 1 } }\n    expect: [{ output: out, fields: { m: 1 } }]\n';
const FAIL =
  'config: fluent.conf\ntests:\n  - name: wrong value\n    input: { tag: app.x, record: { m: 1 } }\n    expect: [{ output: out, fields: { m: 2 } }]\n';

describe('fluentd-lint test', () => {
  const trees: { cleanup(): void }[] = [];
  after(() => trees.forEach((t) => t.cleanup()));
  const tree = (files: Record<string, string>) => {
    const t = tempTree(files);
    trees.push(t);
    return t.dir;
  };

  it('exit 0 when every test passes; a directory is searched for *.fluent-test.yaml', () => {
    const dir = tree({
      'fluent.conf': CONF,
      'tests/a.fluent-test.yaml': PASS.replace('config: fluent.conf', 'config: ../fluent.conf'),
      'tests/notes.yaml': 'not: a test',
    });
    const r = runCli(['test', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /a\.fluent-test\.yaml\n {2}PASS reaches out/);
    assert.match(r.stderr, /1 passed, 0 failed, 0 errored, 0 skipped in 1 file/);
  });

  it('exit 1 on a failing test, with the failure at file:line:col', () => {
    const dir = tree({ 'fluent.conf': CONF, 'b.fluent-test.yaml': FAIL, 'a.fluent-test.yaml': PASS });
    const r = runCli(['test', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL wrong value[^\n]*\n\s+.*b\.fluent-test\.yaml:5:14: out: its event: field m is 1, not 2\./);
  });

  it('exit 2 on unusable input: YAML errors, a missing config, a path with no tests, an unknown option', () => {
    const dir = tree({
      'fluent.conf': CONF,
      'bad.fluent-test.yaml': 'config: fluent.conf\ntests:\n  - name: [x\n',
      'nocfg.fluent-test.yaml': 'config: nope.conf\ntests: []\n',
    });
    const r = runCli(['test', dir, '--format', 'json']);
    assert.equal(r.status, 2);
    const report = JSON.parse(r.stdout) as { files: { path: string; problems: { code: string }[] }[] };
    assert.deepEqual(
      report.files.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.problems[0]?.code]),
      [
        ['bad.fluent-test.yaml', 'test-yaml-syntax'],
        ['nocfg.fluent-test.yaml', 'test-config-missing'],
      ],
    );
    const empty = tree({ 'x.conf': CONF });
    const none = runCli(['test', empty]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no \*\.fluent-test\.yaml files found/);
    assert.equal(runCli(['test', '--bogus']).status, 2);
    const help = runCli(['test', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: fluentd-lint test \[--format text\|json\|junit\]/);
    assert.equal(runCli(['test', join(empty, 'missing.fluent-test.yaml')]).status, 2);
  });

  it("JUnit XML for CI, and the demo workspace's example tests pass", () => {
    const r = runCli(['test', '--format', 'junit', 'demo/workspace'], { cwd: repoRoot });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /<testsuite name="demo\/workspace\/fluentd\/tests\/pipeline.fluent-test.yaml" tests="\d+" failures="0" errors="0"/,
    );
  });

  it('a file of 10,000 cases runs to the end', () => {
    const lines = ['config: fluent.conf', 'tests:'];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        `  - name: case ${i}`,
        `    input: { tag: app.x, record: { m: ${i} } }`,
        `    expect: [{ output: out, fields: { m: ${i} } }]`,
      );
    const dir = tree({ 'fluent.conf': CONF, 'many.fluent-test.yaml': lines.join('\n') });
    const r = runCli(['test', '--format', 'json', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).summary, { passed: 10_000, failed: 0, errored: 0, skipped: 0 });
  });
});
