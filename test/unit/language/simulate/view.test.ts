// How simulated records, times and traces read in the editor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventTrace } from '../../../../src/language/simulate/route';
import { RubyFloat } from '../../../../src/language/simulate/types';
import { eventTimeText, prettyRecord, visible, visibleLine } from '../../../../src/language/simulate/view/record-text';
import { destinationText, traceRows } from '../../../../src/language/simulate/view/trace-rows';

test('records read like JSON.pretty_generate: Floats stay Floats, nesting indented, long ones cut', () => {
  assert.equal(
    prettyRecord({ a: new RubyFloat(1000), b: 1, c: [1, { d: null }], e: {}, f: [] }),
    '{\n  "a": 1000.0,\n  "b": 1,\n  "c": [\n    1,\n    {\n      "d": null\n    }\n  ],\n  "e": {},\n  "f": []\n}',
  );
  assert.equal(prettyRecord({ big: new RubyFloat(1e20) }), '{\n  "big": 1.0e+20\n}');
  const cut = prettyRecord({ s: 'x'.repeat(100) }, 50);
  assert.match(cut, /more characters not shown\)$/);
});

test('times in UTC with every nanosecond; control characters made visible', () => {
  assert.equal(eventTimeText({ sec: 1709633472, nsec: 1 }), '2024-03-05T10:11:12.000000001Z');
  assert.equal(eventTimeText({ sec: 1709633472, nsec: 0 }), '2024-03-05T10:11:12Z');
  assert.match(eventTimeText({ sec: 1e16, nsec: 0 }), /out of the calendar's range/);
  assert.equal(visible('a\u001b[31mb\u202ec\td'), 'a\\u001b[31mb\\u202ec\td');
  assert.equal(visibleLine('abcdef', 3), 'abc… (3 more characters)');
});

test('trace rows: filters with the record after them, forks indented, destinations in words', () => {
  const ref = {
    uri: 'file:///c.conf',
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
    title: '<match **> @type copy',
  };
  const trace: EventTrace = {
    input: { tag: 'a', time: { sec: 0, nsec: 0 }, record: {} },
    root: {
      tag: 'a',
      label: '',
      steps: [
        { kind: 'filter', ref: { ...ref, title: '<filter **> @type grep' }, outcome: 'kept', time: { sec: 0, nsec: 0 }, record: { x: 1 } },
        { kind: 'match', ref, pattern: '**' },
        {
          kind: 'fork',
          why: 'copy',
          branches: [
            { tag: 'a', label: '', steps: [{ kind: 'unmatched' }] },
            { tag: 'b', label: '@x', steps: [{ kind: 'dropped', message: 'no rule matched', ref }] },
          ],
        },
      ],
    },
  };
  const rows = traceRows(trace);
  assert.deepEqual(
    rows.map((r) => [r.depth, r.kind, r.title]),
    [
      [0, 'filter', '<filter **> @type grep: kept'],
      [0, 'match', 'matched by <match **> @type copy'],
      [0, 'fork', 'copied to 2 store(s)'],
      [1, 'branch', 'tag a'],
      [2, 'unmatched', 'no <match> takes the event: Fluentd logs "no patterns matched" and drops it'],
      [1, 'branch', 'tag b in <label @x>'],
      [2, 'dropped', 'dropped: no rule matched'],
    ],
  );
  assert.equal(rows[0].record, '{\n  "x": 1\n}');
  assert.equal(traceRows(trace, 2).at(-1)!.title, '… more steps not shown (over 2)');
  assert.equal(destinationText({ kind: 'kinesis_streams', stream: 's', partitionKey: 'k' }), 'Kinesis stream s, partition key k');
  assert.equal(destinationText({ kind: 'opensearch', index: 'i', notes: ['n'] }), 'OpenSearch index i (n)');
  assert.equal(destinationText({ kind: 's3', bucket: 'b', path: 'p/x.gz' }), 'S3 s3://b/p/x.gz');
});
