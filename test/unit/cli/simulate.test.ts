// fluentd-lint simulate --parse driven in-process: the oracle's format in and out, exit codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, type CliIo } from '../../../src/cli/run';
import { runParseCases } from '../../../src/cli/simulate-parse';
import { repoRoot } from '../../helpers/corpus';

function io(stdin: string, env: Record<string, string> = { TZ: 'UTC' }) {
  const out: string[] = [];
  const err: string[] = [];
  const i: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => new TextEncoder().encode(stdin),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd: process.cwd(),
  };
  return { i, out, err };
}

test('simulate --parse writes one result line per case, records as Ruby writes them', async () => {
  const c = { id: 'a', parse: '<parse>\n@type json\ntypes f:float\n</parse>', lines: ['{"f":"3","time":1.5}', 'x', ''] };
  const { i, out, err } = io(JSON.stringify(c) + '\n');
  assert.equal(await run(['simulate', '--parse', '--now', '1700000000'], i), 0, err.join(''));
  assert.equal(out.join(''), '{"id":"a","results":[{"time":[1,500000000],"record":{"f":3.0}},{"nomatch":true},{"nomatch":true}]}\n');
});

test('simulate --parse reports a refused section as config_error', async () => {
  const { i, out } = io(JSON.stringify({ id: 1, parse: '<parse>\n@type nope\n</parse>', lines: ['x'] }));
  assert.equal(await run(['simulate', '--parse', '--now', '0'], i), 0);
  assert.match(out.join(''), /^\{"id":1,"config_error":"Fluent::NotFoundPluginError: Unknown parser plugin 'nope'/);
});

test('simulate: unusable input and bad arguments exit 2 with a message', async () => {
  for (const [argv, stdin] of [
    [['simulate', '--parse'], 'not json\n'],
    [['simulate', '--parse'], '{"id":1,"lines":[]}\n'],
    [['simulate', '--parse', '--now', 'soon'], ''],
    [['simulate', '--bogus'], ''],
  ] as [string[], string][]) {
    const { i, out, err } = io(stdin);
    assert.equal(await run(argv, i), 2, argv.join(' '));
    assert.equal(out.join(''), '');
    assert.match(err.join(''), /fluentd-lint simulate: /);
  }
});

test('simulate (routing): a file of 10,000 cases runs through, one result line each', async () => {
  const line = JSON.stringify({
    id: 'c',
    config: 'semantics/optimized-error.conf',
    events: [{ tag: 'app.a', time: 1, record: { msg: 'm' } }],
  });
  const { i, out, err } = io(`${line}\n`.repeat(10_000));
  i.cwd = `${repoRoot}/test/fixtures/simulate-route`;
  assert.equal(await run(['simulate', '--now', '1700000000'], i), 0, err.join(''));
  const lines = out.join('').trim().split('\n');
  assert.equal(lines.length, 10_000);
  assert.equal(new Set(lines).size, 1);
  assert.match(lines[0], /"record":\{"msg":"m","up":"M"\}/);
});

test('simulate --parse: a case whose lines together run past the budget reports the rest as stopped', () => {
  const hostile = `${'a'.repeat(34)}!`;
  const c = { id: 'slow', parse: '<parse>\n@type regexp\nexpression /^(?<a>(a+)+)$/\n</parse>', lines: [hostile, hostile, hostile, 'aaa'] };
  const { i, out } = io(JSON.stringify(c));
  assert.equal(runParseCases(JSON.stringify(c), { parse: true, now: 0 }, i, 300), 0);
  const results = (JSON.parse(out.join('')) as { results: { not_simulated?: string }[] }).results;
  assert.equal(results.length, 4);
  assert.match(results[0].not_simulated ?? '', /^stopped: the regexp ran longer than/);
  for (const r of results.slice(1))
    assert.match(r.not_simulated ?? '', /^stopped: this case's lines took longer than 300 ms together; line \d/);
});
