// Issue 13, item 5: the shadowed-match check compared each <match> with every earlier one
// (5k / 10k / 20k blocks: 2.3 / 6.7 / 24 s per edit). Earlier rules are now found through
// an index of the literal start and end of their patterns: the work per rule no longer
// grows with the config. The times are in `npm run bench` (route_analysis_{5k,10k,20k}_matches_cpu_ms); here,
// the index's answers are checked, and a 20,000-block config is analysed in a child process
// under a hang guard, with its findings right.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternSet } from '../../../../src/language/routing/pattern';
import { PatternIndex } from '../../../../src/language/routing/pattern-index';
import { pkg, runInChild, src } from '../../../helpers/bounded-child';

/** The pattern shapes of a big real config, and a few adversarial ones. */
export function shapes(i: number): string {
  return [`app.${i}`, `app${i}.**`, `**.svc${i}`, `ns${i}.*.log`, `{a${i},b${i}}.x`, `/re${i}\\..*/`, `kube.${i}.*`][i % 7];
}

test('the index finds every pattern that may match a tag, and few others', () => {
  const index = new PatternIndex<string>();
  const n = 20_000;
  for (let i = 0; i < n; i++) index.add(shapes(i), PatternSet.of(shapes(i)));
  let looked = 0;
  for (let i = 0; i + 7 <= n; i += 7) {
    // tags each shape matches: the broader query must return that pattern among the candidates
    const tags = [`app.${i}`, `app${i + 1}.z`, `q.svc${i + 2}`, `ns${i + 3}.a.log`, `a${i + 4}.x`, `kube.${i + 6}.y`];
    const owners = [i, i + 1, i + 2, i + 3, i + 4, i + 6];
    tags.forEach((tag, k) => {
      const found = index.broader(tag, tag);
      looked += found.length;
      assert.ok(found.includes(shapes(owners[k])), `${tag} → ${shapes(owners[k])}: ${found.join(' ')}`);
    });
    // a regexp anchored by Fluentd's \A is indexed by its literal start
    assert.deepEqual(index.broader(`re${i + 5}.q`, `re${i + 5}.q`), [shapes(i + 5)]);
  }
  // about one candidate per question, not thousands
  assert.ok(looked < (n / 7) * 6 * 2, `${looked} candidates for ${Math.ceil(n / 7) * 6} questions`);
});

test('compatible(): narrower and broader patterns, and a limit instead of a long list', () => {
  const index = new PatternIndex<string>();
  for (const p of ['app.**', 'app.web.**', 'app.web', 'app', '**.log', 'db.*', '*.log', 'x.{a,b}.log']) index.add(p, PatternSet.of(p));
  // tags starting "app.": app.** and app.web… can match; db.* and x.{a,b}.log cannot (app is offered: a start of "app.")
  assert.deepEqual(index.compatible('app.', '', 100), ['app.**', 'app.web.**', 'app.web', 'app', '**.log', '*.log']);
  // tags ending ".log": not app.web nor app (they end otherwise)
  assert.deepEqual(index.compatible('', '.log', 100), ['app.**', 'app.web.**', '**.log', 'db.*', '*.log', 'x.{a,b}.log']);
  assert.equal(index.compatible('', '', 3), undefined);
});

test('20,000 <match> blocks: every shadowed one found, in a child process under a hang guard', () => {
  let text =
    '<source>\n  @type tail\n  path /var/log/containers/*.log\n  tag kubernetes.*\n  <parse>\n    @type json\n  </parse>\n</source>\n';
  const n = 20_000;
  const match = (p: string) => `<match ${p}>\n  @type null\n</match>\n`;
  for (let i = 0; i < n; i++) text += match(shapes(i));
  // shadowed: a repeat of an earlier pattern, one covered by an earlier glob, one after a catch-all
  text += match('app.7') + match('app15.x.y') + match('ns3.q.log') + match('**') + match('late.one');
  const r = runInChild<{ code: string; line: number }[]>(
    `const { FluentdLanguageService } = await import(${src('language/service')});
     const { TextDocument } = await import(${pkg('vscode-languageserver-textdocument')});
     const service = new FluentdLanguageService();
     const doc = TextDocument.create('file:///t/big.conf', 'fluentd', 1, ${JSON.stringify(text)});
     return service.diagnostics(doc).map((d) => ({ code: String(d.code), line: d.range.start.line + 1 }));`,
    180_000,
  );
  assert.equal(r.timedOut, false, 'the checks returned');
  assert.ok(r.value, r.stderr.slice(0, 500));
  const lines = text.split('\n').length;
  const shadowed = r.value.filter((d) => d.code === 'shadowed-match').map((d) => d.line);
  // the last five blocks start 15, 12, 9, 6 (the catch-all) and 3 lines from the end
  assert.deepEqual(shadowed, [lines - 15, lines - 12, lines - 9, lines - 3]);
  assert.ok(!r.value.some((d) => d.code === 'routing-not-analysed'), 'a big but plain config fits the budget');
  assert.ok(!r.value.some((d) => d.code === 'unmatched-source'));
});
