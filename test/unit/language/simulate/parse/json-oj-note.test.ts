// The json parser simulates Yajl (Fluentd without the oj gem, as the oracle runs it). Where Fluentd
// with the oj gem (the daemonset images) answers differently, the outcome must say so: the same
// JSON cases recorded both ways (record-oj.sh: the oracle with Debian's ruby-oj on the load path):
// where Yajl gives a record and oj does not, the record carries the note; nowhere else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileParseText, environmentAt } from '../../../../../src/language/simulate/parse';
import { repoRoot } from '../../../../helpers/corpus';

const DIR = join(repoRoot, 'test/fixtures/simulate-parse');

function results(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of readFileSync(join(DIR, file), 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(l) as { id: string; results?: unknown[] };
    out.set(
      r.id,
      (r.results ?? []).map((x) => JSON.stringify(x)),
    );
  }
  return out;
}

for (const [cases, yajl, oj] of [
  ['json-cases.jsonl', 'json-expected.jsonl', 'json-oj-expected.jsonl'],
  ['json-heldout-cases.jsonl', 'json-heldout-expected.jsonl', 'json-heldout-oj-expected.jsonl'],
]) {
  test(`the oj note marks exactly the lines where Fluentd with the oj gem differs: ${cases}`, () => {
    const withYajl = results(yajl);
    const withOj = results(oj);
    const env = environmentAt(1700000000, {}, 'UTC');
    let differing = 0;
    for (const l of readFileSync(join(DIR, cases), 'utf8').split('\n').filter(Boolean)) {
      const c = JSON.parse(l) as { id: string; parse: string; lines: string[] };
      if (/json_parser/.test(c.parse)) continue; // an explicit backend: no fallback, no note
      const compiled = compileParseText(c.parse, env);
      assert.ok(compiled.ok);
      c.lines.forEach((line, i) => {
        const y = withYajl.get(c.id)![i];
        const o = withOj.get(c.id)![i];
        const out = compiled.parser.parse(line);
        const note = out.kind === 'record' || out.kind === 'value' ? out.note : undefined;
        if (y !== o && y === '{"nomatch":true}') return; // oj reads a few things Yajl refuses (a raw tab, "\\x", "-"): not told
        if (y !== o) {
          differing++;
          assert.equal(o, '{"nomatch":true}', `${c.id}[${i}] ${JSON.stringify(line)}: oj gives ${o}`);
          assert.match(note ?? '', /oj gem/, `${c.id}[${i}] ${JSON.stringify(line)}: no note, yet oj gives ${o} and Yajl ${y}`);
        } else assert.equal(note, undefined, `${c.id}[${i}] ${JSON.stringify(line)}: a note, yet oj and Yajl agree (${o})`);
      });
    }
    assert.ok(differing > 10, `only ${differing} lines differ between oj and Yajl`);
  });
}
