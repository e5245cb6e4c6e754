// Reading config test files: the model with positions, format problems where they are, Ruby's
// Float vs Integer kept from YAML, times to the nanosecond.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTestFile, timeOf } from '../../../../src/language/config-tests/read';
import { RubyFloat } from '../../../../src/language/simulate/types';

const GOOD = `config: ../fluent.conf
env:
  LOG_GROUP_NAME: /eks/demo
  PORT: 24224
now: 2024-03-05T10:11:12.5Z
tests:
  - name: lines
    input:
      source: in_tail_x
      path: /var/log/a.log
      lines:
        - one
        - two
    expect:
      - output: out_x
        count: 1
        fields:
          message: one
          n: 1.0
          $.k.v: { matches: '^a' }
          gone: { absent: true }
        destination:
          log_group: { contains: demo }
    no_output_from: [out_y]
    unmatched: 0
  - name: event
    inputs:
      - tag: app.web
        label: '@x'
        time: 1700000000.25
        record: { a: 1, b: 2.5, c: [1, 2.0], d: null }
    expect:
      - output: 'app.**'
`;

test('a well-formed file reads into its model, with the places of its parts', () => {
  const f = readTestFile(GOOD);
  assert.deepEqual(f.problems, []);
  assert.equal(f.config?.value, '../fluent.conf');
  assert.deepEqual(f.config?.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 22 } });
  assert.deepEqual(f.env, { LOG_GROUP_NAME: '/eks/demo', PORT: '24224' });
  assert.deepEqual(f.now, { sec: 1709633472, nsec: 500_000_000 });
  assert.equal(f.tests.length, 2);
  const [a, b] = f.tests;
  assert.equal(a.name, 'lines');
  assert.equal(a.nameRange.start.line, 6);
  assert.deepEqual(a.inputs[0].lines, ['one', 'two']);
  assert.equal(a.inputs[0].source?.value, 'in_tail_x');
  assert.equal(a.inputs[0].path, '/var/log/a.log');
  const x = a.expect[0];
  assert.equal(x.output.value, 'out_x');
  assert.equal(x.count, 1);
  assert.deepEqual(
    x.fields.map((c) => [c.field, c.condition.op]),
    [
      ['message', 'equals'],
      ['n', 'equals'],
      ['$.k.v', 'matches'],
      ['gone', 'absent'],
    ],
  );
  // 1.0 is a Float in YAML and in Ruby: the condition keeps it so
  assert.ok(x.fields[1].condition.value instanceof RubyFloat);
  assert.deepEqual(
    x.destination.map((d) => [d.key, d.condition.op, d.condition.value]),
    [['log_group', 'contains', 'demo']],
  );
  assert.deepEqual(
    a.noOutputFrom.map((o) => o.value),
    ['out_y'],
  );
  assert.equal(a.unmatched?.value, 0);
  const ev = b.inputs[0];
  assert.equal(ev.tag, 'app.web');
  assert.equal(ev.label?.value, '@x');
  assert.deepEqual(ev.time, { sec: 1700000000, nsec: 250_000_000 });
  assert.equal(ev.record?.a, 1);
  assert.ok(ev.record?.b instanceof RubyFloat);
  assert.ok(Array.isArray(ev.record?.c) && ev.record.c[1] instanceof RubyFloat);
  assert.equal(ev.record?.d, null);
  assert.equal(b.expect[0].output.value, 'app.**');
});

test('format problems are reported at their place, with did-you-mean for misspelt keys', () => {
  const f = readTestFile(`config: a.conf
tests:
  - name: t
    inptu: {}
    expect: [{ outptu: x, output: y }]
  - name: t
    input: { tag: a, record: {}, lines: [x] }
    expect:
      - output: y
        count: -1
        fields: { a: { equals: 1, contains: 2 } }
      - output: y
        fields: { a: { matches: '(' } }
`);
  const byCode = (code: string) => f.problems.filter((p) => p.code === code);
  const unknown = byCode('test-unknown-key');
  assert.deepEqual(
    unknown.map((p) => [p.range.start.line, p.message.slice(0, 44)]),
    [
      [3, "Unknown key 'inptu': did you mean 'input'? ("],
      [4, "Unknown key 'outptu': did you mean 'output'?"],
    ],
  );
  assert.equal(byCode('test-no-input').length, 1);
  assert.equal(byCode('test-duplicate-name')[0].range.start.line, 5);
  assert.match(byCode('test-input')[0].message, /not both/);
  assert.match(byCode('test-type')[0].message, /0 or more/);
  assert.match(byCode('test-condition')[0].message, /exactly one/);
  assert.match(byCode('test-bad-regexp')[0].message, /does not compile/);
  assert.equal(byCode('test-bad-regexp')[0].range.start.line, 12);
});

test('YAML syntax errors, an empty file and a missing config are problems, never exceptions', () => {
  assert.equal(readTestFile('').problems[0].code, 'test-empty');
  const bad = readTestFile('config: a\ntests:\n  - name: [unclosed\n');
  assert.ok(bad.problems.some((p) => p.code === 'test-yaml-syntax'));
  const missing = readTestFile('tests: []\n');
  assert.deepEqual(
    missing.problems.map((p) => p.code),
    ['test-missing-key'],
  );
  assert.match(missing.problems[0].message, /Missing `config`/);
  const garbage = readTestFile('\u0000\u0001{{{[[[:::');
  assert.ok(garbage.problems.length > 0);
  const scalarRoot = readTestFile('just text\n');
  assert.ok(scalarRoot.problems.some((p) => p.code === 'test-type'));
});

test('times: seconds (as text, fractions exact to the nanosecond) or ISO 8601 with a zone', () => {
  assert.deepEqual(timeOf(1700000000), { sec: 1700000000, nsec: 0 });
  assert.deepEqual(timeOf('1700000000.000000001'), { sec: 1700000000, nsec: 1 });
  assert.deepEqual(timeOf('2024-03-05T10:11:12.123456789Z'), { sec: 1709633472, nsec: 123456789 });
  assert.deepEqual(timeOf('2024-03-05T12:11:12+02:00'), { sec: 1709633472, nsec: 0 });
  assert.equal(timeOf('2024-03-05 10:11'), undefined);
  assert.equal(timeOf('yesterday'), undefined);
});
