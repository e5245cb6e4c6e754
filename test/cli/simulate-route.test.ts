// `fluentd-lint simulate` (routing mode) as a real process: the oracle's routing cases in, its
// result lines out byte for byte (the shared recorded cases), exit 2 on unusable input.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from './harness';

const shared = join(repoRoot, '..', 'shared', 'fluentd', 'behaviour', 'route');
const fixtures = join(repoRoot, 'test', 'fixtures', 'simulate-route');

test(
  'simulate writes exactly what the oracle wrote for the shared routing cases',
  { skip: !existsSync(shared) && 'shared/ not present' },
  () => {
    const r = runCli(['simulate', '--now', '1700000000'], {
      cwd: shared,
      input: readFileSync(join(shared, 'cases.jsonl')),
      env: { TZ: 'UTC' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(join(shared, 'expected.jsonl'), 'utf8'));
  },
);

test('simulate: a config Fluentd refuses is a config_error line; a missing config file too', () => {
  const input = [
    JSON.stringify({ id: 'bad', config: 'semantics/bad-label.conf', events: [{ tag: 'a', record: {} }] }),
    JSON.stringify({ id: 'gone', config: 'semantics/no-such.conf', events: [] }),
  ].join('\n');
  const r = runCli(['simulate', '--now', '1700000000'], { cwd: fixtures, input });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    '{"id":"bad","config_error":"ArgumentError: @NOWHERE label not found"}',
    '{"id":"gone","config_error":"Errno::ENOENT: No such file or directory @ rb_sysopen - semantics/no-such.conf"}',
  ]);
});

test('simulate: unusable routing input exits 2 with a message and no output', () => {
  for (const input of [
    '{"id":1}',
    '{"id":1,"config":"x.conf","events":[{"record":{}}]}',
    '{"id":1,"config":"x.conf","tail":{"path":1,"lines":[]}}',
    '[1]',
    'nope',
  ]) {
    const r = runCli(['simulate'], { cwd: fixtures, input });
    assert.equal(r.status, 2, input);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^fluentd-lint simulate: unusable input: line 1: /);
  }
});
