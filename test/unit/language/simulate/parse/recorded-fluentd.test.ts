// Every recorded Fluentd parse result (../shared/fluentd/behaviour/parse and test/fixtures/simulate-parse,
// recorded by the oracle with TZ=UTC and the clock at 1700000000) against the engine: a line must
// agree — same kind, same time to the nanosecond, same record with the same JSON types — or be
// reported not-simulated; a different concrete answer fails.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileParseText, environmentAt, parseYajl, toRubyJson } from '../../../../../src/language/simulate/parse';
import type { ParseOutcome, RecordValue } from '../../../../../src/language/simulate/types';
import { repoRoot as root, sharedRoot } from '../../../../helpers/corpus';

const SETS: [string, string, string][] = [
  ['shared behaviour', join(sharedRoot, 'fluentd/behaviour/parse/cases.jsonl'), join(sharedRoot, 'fluentd/behaviour/parse/expected.jsonl')],
  ['seed 1', join(root, 'test/fixtures/simulate-parse/cases-1.jsonl'), join(root, 'test/fixtures/simulate-parse/expected-1.jsonl')],
  ['seed 2', join(root, 'test/fixtures/simulate-parse/cases-2.jsonl'), join(root, 'test/fixtures/simulate-parse/expected-2.jsonl')],
  [
    'held-out',
    join(root, 'test/fixtures/simulate-parse/heldout-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/heldout-expected.jsonl'),
  ],
  // incomplete JSON, several values on a line, bare values: Yajl's own reading (generate-json-cases.py)
  [
    'json probe',
    join(root, 'test/fixtures/simulate-parse/json-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/json-expected.jsonl'),
  ],
  // recorded before the engine first ran on them
  [
    'json held-out seed 4242',
    join(root, 'test/fixtures/simulate-parse/json-heldout-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/json-heldout-expected.jsonl'),
  ],
  // the daemonset images' own kubernetes and multiline_kubernetes parsers (generate-glog-cases.py)
  [
    'glog seed 7',
    join(root, 'test/fixtures/simulate-parse/glog-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/glog-expected.jsonl'),
  ],
  // recorded before the engine first ran on them
  [
    'glog held-out seed 7007',
    join(root, 'test/fixtures/simulate-parse/glog-heldout-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/glog-heldout-expected.jsonl'),
  ],
  // named groups inside repeated groups: Onigmo's last-iteration values (generate-repeat-cases.py)
  [
    'repeat seed 11',
    join(root, 'test/fixtures/simulate-parse/repeat-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/repeat-expected.jsonl'),
  ],
  // recorded before the engine first ran on them
  [
    'repeat held-out seed 1111',
    join(root, 'test/fixtures/simulate-parse/repeat-heldout-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/repeat-heldout-expected.jsonl'),
  ],
  // recorded after the replay was written, before the engine ran on them
  [
    'repeat held-out seed 2222',
    join(root, 'test/fixtures/simulate-parse/repeat-heldout2-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/repeat-heldout2-expected.jsonl'),
  ],
  // the general generator with an unseen seed, recorded after the repeated-group and optional-group
  // changes to the regexp engine, before the engine ran on it
  [
    'held-out seed 3033',
    join(root, 'test/fixtures/simulate-parse/heldout2-cases.jsonl'),
    join(root, 'test/fixtures/simulate-parse/heldout2-expected.jsonl'),
  ],
];

/** Keys sorted, numbers kept as Ruby wrote them (1.0 stays a Float): equal texts mean equal JSON values and types. */
function canonical(v: RecordValue): string {
  if (v && typeof v === 'object' && !Array.isArray(v) && v.constructor === Object) {
    const o = v as Record<string, RecordValue>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return toRubyJson(v);
}

function reparsed(rubyJsonText: string): RecordValue {
  const r = parseYajl(rubyJsonText);
  assert.ok(r.ok, `unreadable recorded JSON: ${rubyJsonText.slice(0, 80)}`);
  return r.value;
}

/** The outcome as the oracle writes a result, canonical. */
function mine(o: ParseOutcome): string | undefined {
  switch (o.kind) {
    case 'record':
    case 'value':
      return canonical(
        reparsed(
          `{"time":${o.time ? `[${o.time.sec},${o.time.nsec}]` : 'null'},"record":${toRubyJson(o.kind === 'record' ? o.record : o.value)}}`,
        ),
      );
    case 'nomatch':
      return canonical({ nomatch: true });
    case 'error':
      return canonical({ error: o.message.slice(0, 300) });
    default:
      return undefined;
  }
}

for (const [name, casesFile, expectedFile] of SETS) {
  test(`recorded Fluentd parse results agree: ${name}`, { skip: !existsSync(casesFile) && 'shared/ not present' }, () => {
    const cases = readFileSync(casesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; parse: string; lines: string[] });
    const expected = new Map<string, string>();
    for (const l of readFileSync(expectedFile, 'utf8').split('\n').filter(Boolean)) expected.set((JSON.parse(l) as { id: string }).id, l);
    const env = environmentAt(1700000000, {}, 'UTC');
    let lines = 0;
    let agree = 0;
    const wrong: string[] = [];
    for (const c of cases) {
      const raw = expected.get(c.id);
      assert.ok(raw, `no recorded result for ${c.id}`);
      const want = reparsed(raw) as Record<string, RecordValue>;
      const compiled = compileParseText(c.parse, env);
      if ('config_error' in want) {
        lines++;
        if (!compiled.ok && 'configError' in compiled) agree++;
        else if (compiled.ok || !('notSimulated' in compiled))
          wrong.push(`${c.id}: Fluentd refuses the section (${String(want.config_error)})`);
        continue;
      }
      const results = want.results as RecordValue[];
      lines += results.length;
      if (!compiled.ok) {
        if ('configError' in compiled) wrong.push(`${c.id}: config error ${compiled.configError} where Fluentd parses`);
        continue;
      }
      c.lines.forEach((line, i) => {
        const got = mine(compiled.parser.parse(line));
        if (got === undefined) return; // not simulated: honest, counted as not agreeing
        if (got === canonical(results[i])) agree++;
        else
          wrong.push(
            `${c.id}[${i}] ${JSON.stringify(line).slice(0, 80)}\n  engine: ${got.slice(0, 300)}\n  fluentd: ${canonical(results[i]).slice(0, 300)}`,
          );
      });
    }
    console.log(`${name}: ${agree}/${lines} lines agree with Fluentd`);
    assert.deepEqual(wrong, [], `lines where the engine gives a different answer than Fluentd`);
    assert.ok(agree / lines >= 0.98, `agreement ${agree}/${lines} below 98 %`);
  });
}
