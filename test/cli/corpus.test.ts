// fluentd-lint on the shared corpus: real configs Fluentd 1.16.5 accepts must produce
// no errors, and each invalid case Fluentd rejects at parse time must fail (exit 1)
// with an error on the line Fluentd names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { corpusRoot, corpusTsv, parseReport, runCli } from './harness';

const validRoot = join(corpusRoot, 'valid');
const verdicts = corpusTsv(readFileSync(join(corpusRoot, 'verdicts.tsv'), 'utf8')).map(([name, verdict]) => ({ name, verdict }));
const invalid = corpusTsv(readFileSync(join(corpusRoot, 'invalid.tsv'), 'utf8')).map(([name, verdict]) => ({ name, verdict }));

describe('valid corpus', () => {
  // one process for the whole tree: this is also the directory-search test on real data
  const run = runCli(['--format', 'json', validRoot]);
  const report = parseReport(run.stdout);
  const byPath = new Map(report.files.map((f) => [f.path, f]));

  test('the directory search finds exactly the corpus files, in sorted order', () => {
    const expected = verdicts.map((v) => join(validRoot, v.name)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.ok(expected.length > 100, `corpus looks empty: ${expected.length} files`);
    assert.deepEqual(
      report.files.map((f) => f.path),
      expected,
    );
  });

  for (const { name, verdict } of verdicts) {
    if (verdict !== 'ok') continue; // skipped ones may name plugins outside the catalogue
    test(`no errors: ${name}`, () => {
      const file = byPath.get(join(validRoot, name));
      assert.ok(file, `${name} missing from the report`);
      const errors = file.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], `${name}: ${JSON.stringify(errors)}`);
    });
  }

  test('every file Fluentd accepted, linted together, exits 0', () => {
    const ok = verdicts.filter((v) => v.verdict === 'ok').map((v) => join(validRoot, v.name));
    const r = runCli(ok);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /: error: /);
    assert.match(r.stderr, new RegExp(`^0 errors, \\d+ warnings? in ${ok.length} files$`, 'm'));
  });
});

describe('invalid corpus: Fluentd parse errors', () => {
  const parseCases = invalid
    .map(({ name, verdict }) => ({ name, verdict, m: /^parse: (.*) at \S+ line (\d+),(\d+)$/.exec(verdict) }))
    .filter((c) => c.m !== null);

  test('the corpus has parse cases', () => assert.ok(parseCases.length >= 10, `${parseCases.length} parse cases`));

  for (const { name, verdict, m } of parseCases) {
    test(`${name}: exit 1, error on Fluentd's line`, () => {
      const path = join(corpusRoot, 'invalid', name);
      const r = runCli([path]);
      assert.equal(r.status, 1, `exit status; stderr: ${r.stderr}`);
      const fluentdLine = Number(m![2]);
      const errors = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => /^(.*):(\d+):(\d+): (error|warning|information|hint): (.*) \[([a-z0-9-]+)\]$/.exec(l))
        .map((x) => {
          assert.ok(x, `not a 'file:line:col: severity: message [code]' line in:\n${r.stdout}`);
          return { path: x[1], line: Number(x[2]), column: Number(x[3]), severity: x[4], code: x[6] };
        })
        .filter((d) => d.severity === 'error');
      assert.ok(errors.length > 0, `no error reported:\n${r.stdout}`);
      assert.ok(errors.every((e) => e.path === path));
      // for "expected end tag … got end of file" the unclosed start tag's line is the better answer
      const atEof = /but got end of file/.test(verdict);
      const hit = errors.some((e) => e.line === fluentdLine || (atEof && e.code === 'unclosed-element'));
      assert.ok(hit, `Fluentd: ${verdict}\nfluentd-lint:\n${r.stdout}`);
      assert.match(r.stderr, /^\d+ errors?, \d+ warnings? in 1 file$/m);
    });
  }
});
