// Fluentd's tag patterns (lib/fluent/match.rb) and the set questions asked of them:
// the RegExp and the automaton of each glob must agree with Fluentd's own cases and
// with each other on many random tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exists, LazyDfa } from '../../../../src/language/routing/automaton';
import { withBudget } from '../../../../src/language/routing/budget';
import { compilePattern, PatternSet } from '../../../../src/language/routing/pattern';
import { allTaken, mayMatch, patternTaken, someTag } from '../../../../src/language/routing/query';
import { ANY, PART, template } from '../../../../src/language/routing/tags';
import { createRng } from '../../../helpers/prng';

// [pattern, tag, matches] — the cases of Fluentd's test/test_match.rb and a few more
const CASES: [string, string, boolean][] = [
  ['a', 'a', true],
  ['a.b', 'a.b', true],
  ['a', 'b', false],
  ['a.b', 'aab', false],
  ['a*', 'a', true],
  ['a*', 'ab', true],
  ['a*', 'a.b', false],
  ['*', 'abc', true],
  ['*', 'a.b', false],
  ['a.*', 'a.b', true],
  ['a.*', 'a.b.c', false],
  ['a.*', 'a', false],
  ['**', 'a', true],
  ['**', 'a.b.c', true],
  ['a.**', 'a', true],
  ['a.**', 'a.b', true],
  ['a.**', 'a.b.c', true],
  ['a.**', 'ab', false],
  ['a.**', 'ab.c', false],
  ['a.b.**', 'a.b', true],
  ['a.b.**', 'a.bc', false],
  ['**.a', 'a', true],
  ['**.a', 'b.a', true],
  ['**.a', 'c.b.a', true],
  ['**.a', 'ba', false],
  ['a.**.b', 'a.b', true],
  ['a.**.b', 'a.c.b', true],
  ['a.**.b', 'a.c.d.b', true],
  ['a.**.b', 'ab', false],
  ['a.**.b', 'a.cb', false],
  ['a.{b,c}', 'a.b', true],
  ['a.{b,c}', 'a.c', true],
  ['a.{b,c}', 'a.d', false],
  ['{a,b}.c', 'b.c', true],
  ['a.{b,c}.**', 'a.c.d.e', true],
  ['a.{b,c}.**', 'a.d', false],
  ['a.{b.**,c}', 'a.b.x.y', true],
  ['a.{b.**,c}', 'a.c', true],
  ['a.{b.**,c}', 'a.c.x', false],
  ['kubernetes.*', 'kubernetes.var.log.containers.app.log', false],
  ['kubernetes.**', 'kubernetes.var.log.containers.app.log', true],
  ['kube-apiserver-audit', 'kube-apiserver-audit', true],
  ['a\\*', 'a*', true],
  ['a\\*', 'ab', false],
  ['/a\\.(b|c)/', 'a.c', true],
  ['/a\\.(b|c)/', 'a.d', false],
  ['/app\\..*/', 'app.x.y', true],
];

test("globs and /regexp/ patterns match like Fluentd's tests", () => {
  for (const [pattern, tag, expected] of CASES) {
    const p = compilePattern(pattern);
    assert.equal(p.regex!.test(tag), expected, `${pattern} vs ${tag} (regexp)`);
    assert.equal(p.test(tag), expected, `${pattern} vs ${tag} (linear test)`);
    if (p.nfa) assert.equal(exists(template([tag]).nfa, [new LazyDfa(p.nfa)], []), expected, `${pattern} vs ${tag} (automaton)`);
  }
});

test('several patterns in one argument: any may match; an empty argument is **', () => {
  const set = new PatternSet('app.** system.*  /audit.*/');
  assert.equal(set.test('app.web.1'), true);
  assert.equal(set.test('system.x'), true);
  assert.equal(set.test('audit-log'), true);
  assert.equal(set.test('system.x.y'), false);
  assert.equal(new PatternSet('').test('any.thing'), true);
});

test('the automaton of a glob agrees with its RegExp on random tags', () => {
  const rng = createRng(4242);
  const parts = ['a', 'b', 'ab', 'kube', 'x1', ''];
  const globs = [
    'a.*',
    'a.**',
    '**.b',
    'a.**.b',
    '*.b',
    'a*',
    '{a,b}.*',
    'a.{b,x1}.**',
    '**',
    'kube*.**',
    '*.*',
    'a.b',
    '{a.**,b}',
    'a.*.b.**',
    '**.{a,b}.**',
    // `\A` inside `**.` after what may be empty: modelled with at-start edges
    '***.b',
    '{a,}**.b',
    'x{,y}**.**.b',
    '**.**.**',
  ];
  let checked = 0;
  for (const g of globs) {
    const p = compilePattern(g);
    assert.ok(p.nfa, g);
    const dfa = new LazyDfa(p.nfa!);
    for (let i = 0; i < 150; i++) {
      const n = 1 + rng.int(4);
      const tag = Array.from({ length: n }, () => parts[rng.int(parts.length)]).join('.');
      assert.equal(exists(template([tag]).nfa, [dfa], []), p.regex!.test(tag), `${g} vs '${tag}'`);
      assert.equal(p.test(tag), p.regex!.test(tag), `${g} vs '${tag}' (linear test)`);
      checked++;
    }
  }
  assert.equal(checked, globs.length * 150);
});

test("in_tail's expanded tags against patterns: one-part * cannot match, ** can", () => {
  const tail = [template(['kubernetes.var.log.containers.', ANY, '.log'])];
  assert.equal(mayMatch(tail, new PatternSet('kubernetes.*')), false);
  assert.equal(mayMatch(tail, new PatternSet('kubernetes.**')), true);
  assert.equal(mayMatch(tail, new PatternSet('kubernetes.var.log.containers.*.log')), true);
  assert.equal(mayMatch(tail, new PatternSet('kube.**')), false);
  assert.equal(mayMatch(tail, new PatternSet('**.log')), true);
  // every tag taken by kubernetes.** — not by a narrower pattern
  assert.equal(allTaken(tail, [new PatternSet('kubernetes.**')]), true);
  assert.equal(allTaken(tail, [new PatternSet('kubernetes.var.log.containers.app*.log')]), false);
  // syslog: tag.facility.priority — one part each
  const syslog = [template(['sys.', PART, '.', PART])];
  assert.equal(mayMatch(syslog, new PatternSet('sys')), false);
  assert.equal(mayMatch(syslog, new PatternSet('sys.*.*')), true);
  assert.equal(allTaken(syslog, [new PatternSet('sys.*.*')]), true);
  assert.equal(mayMatch(syslog, new PatternSet('sys.*')), false);
});

test('a /regexp/ against a tag with unknown parts is "cannot tell", never a guess', () => {
  const tail = [template(['app.', ANY])];
  assert.equal(mayMatch(tail, new PatternSet('/nothing-like-it/')), undefined);
  assert.equal(mayMatch([template(['app.web'])], new PatternSet('/nothing-like-it/')), false);
});

test('reach past earlier patterns; pattern inclusion (what shadowing is made of)', () => {
  const any = [template([ANY])];
  assert.equal(someTag(any, new PatternSet('app.**'), [new PatternSet('**')]), false);
  assert.equal(someTag(any, new PatternSet('app.**'), [new PatternSet('app.web')]), true);
  assert.equal(patternTaken(new PatternSet('app.**'), [new PatternSet('**')]), true);
  assert.equal(patternTaken(new PatternSet('app.**'), [new PatternSet('app.*')]), false); // `app` and app.a.b remain
  assert.equal(patternTaken(new PatternSet('app.*'), [new PatternSet('app.**')]), true);
  assert.equal(patternTaken(new PatternSet('{a,b}.x'), [new PatternSet('a.*'), new PatternSet('b.**')]), true);
  assert.equal(patternTaken(new PatternSet('{a,b}.x'), [new PatternSet('a.*')]), false);
  assert.equal(patternTaken(new PatternSet('a.b c.d'), [new PatternSet('a.** c.*')]), true);
  assert.equal(patternTaken(new PatternSet('fluent.**'), [new PatternSet('kubernetes.**')]), false);
  // an earlier /regexp/ is left out of the union: inclusion is only claimed when proven
  assert.equal(patternTaken(new PatternSet('app.**'), [new PatternSet('/.*/')]), false);
});

test('hostile patterns and tags are tested in linear time (issue 13, item 3)', () => {
  const tag80 = Array.from({ length: 80 }, (_, i) => `p${i}`).join('.');
  assert.equal(compilePattern('**.**.**.**.**.**.**.b').test(tag80), false);
  assert.equal(compilePattern('**.**.**.**.**.**.**.b').test(`${tag80}.b`), true);
  assert.equal(compilePattern('/(a+)+b/').test(`${'a'.repeat(34)}!`), false);
  assert.equal(compilePattern('/(a+)+b/').test('aab'), true);
  // Ruby features an automaton lacks: "cannot tell", never a guess
  assert.equal(compilePattern('/(a)\\1/').test('aa'), undefined);
});

test('past the step budget a test is "cannot tell", and the budget names it', () => {
  const huge = 'a.'.repeat(600_000) + 'b';
  const { value, costly } = withBudget(5_000_000, () => [
    compilePattern('**.x.**.y').test(huge),
    compilePattern('/(a|\\.)*c/').test(huge),
    compilePattern('a.b').test(huge),
  ]);
  assert.deepEqual(value, [undefined, undefined, false]);
  assert.deepEqual(
    costly.map((c) => c.pattern),
    ['**.x.**.y', '/(a|\\.)*c/'],
  );
});
