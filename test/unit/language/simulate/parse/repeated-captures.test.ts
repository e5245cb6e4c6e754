// Named groups inside repetitions (Onigmo keeps the last iteration's value; JavaScript clears it).
// The recorded fixtures (repeat-*.jsonl) judge the results; these pin the analysis and its limits
// (each expected value checked with the oracle machine's Ruby, the one Fluentd runs on).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileParseText, compileRubyRegexp, environmentAt } from '../../../../../src/language/simulate/parse';
import { analyseRepeats, optionalAsAlternation } from '../../../../../src/language/simulate/parse/repeated-captures';

function named(pattern: string, text: string, names: string[]): (string | undefined)[] {
  const r = compileRubyRegexp(pattern);
  assert.ok(r.ok, JSON.stringify(r));
  const m = r.regexp.exec(text);
  assert.ok(m, `no match of /${pattern}/ on ${text}`);
  return names.map((n) => m.named(n));
}

test('a named group keeps its value from an earlier iteration (the audit key="value" form)', () => {
  assert.deepEqual(named('^(?:id=(?<id>\\w+)|ip=(?<ip>\\w+)| )*$', 'id=1 ip=2 ', ['id', 'ip']), ['1', '2']);
  // the later iteration's value wins
  assert.deepEqual(named('^(?:id=(?<id>\\w+)|ip=(?<ip>\\w+)| )*$', 'id=1 ip=2 id=3', ['id', 'ip']), ['3', '2']);
});

test('the iterations follow the backtracking path: lazy, bounded and with a rest of the pattern', () => {
  assert.deepEqual(named('^(?:(?<a>a)|(?<b>b)|.)*?(?<rest>b.*)$', 'abab', ['a', 'b', 'rest']), ['a', undefined, 'bab']);
  assert.deepEqual(named('^(?:(?<a>a)|(?<b>b)|.){2}(?<rest>.*)$', 'baab', ['a', 'b', 'rest']), ['a', 'b', 'ab']);
  assert.deepEqual(named('^x(?<all>(?:(?<a>a)|c)*)(?<rest>a*)$', 'xacaa', ['a', 'all', 'rest']), ['a', 'acaa', '']);
});

test('an optional group that matches empty takes part (its groups capture "")', () => {
  assert.deepEqual(named('^(?<a>x*)?-(?:(?<b>y*))?$', '-', ['a', 'b']), ['', '']);
  assert.equal(optionalAsAlternation('(?<a>x*)?(?:y)?(?<b>z)??', false), '(?:(?<a>x*)|)(?:y)?(?:|(?<b>z))');
});

test('what the replay cannot follow is said, not guessed', () => {
  const nested = compileRubyRegexp('^(?:(?:(?<a>a)|b)+,)*$');
  assert.ok(!nested.ok && 'notSimulated' in nested && /nested repetitions/.test(nested.notSimulated));
  const branch = compileRubyRegexp('^(?:x(?:(?<a>a)|b)*|y)$');
  assert.ok(!branch.ok && 'notSimulated' in branch && /alternation/.test(branch.notSimulated));
  assert.equal(analyseRepeats('^(?<a>a)(?:b|c)*$', false).kind, 'none');
  // a repeated group that is itself the capture: both engines keep the last iteration
  assert.equal(analyseRepeats('^(?<a>a|b)*$', false).kind, 'none');
});

test('a replay that would take long on a huge line is stopped and says so; the common form stays linear', () => {
  const env = environmentAt(1700000000, {}, 'UTC');
  const parse = (
    expression: string,
    pairs = 150_000,
  ): ReturnType<Extract<ReturnType<typeof compileParseText>, { ok: true }>['parser']['parse']> => {
    const c = compileParseText(`<parse>\n@type regexp\nexpression ${expression}\ntime_key none\n</parse>`, env);
    assert.ok(c.ok);
    return c.parser.parse(`${'ab'.repeat(pairs)}c`);
  };
  // a rest after the repetition: each step looks ahead over the rest of the line
  const stopped = parse('/^(?:(?<a>a)|b)*(?<rest>c)$/');
  assert.equal(stopped.kind, 'not-simulated');
  assert.match(stopped.kind === 'not-simulated' ? stopped.what : '', /^stopped: replaying a repeated group/);
  // nothing after it: plain steps, the whole line replayed (a 40 KB line keeps the replay far
  // inside its 1 s budget on a starved machine; the bench-sized 300 KB one failed there once)
  const whole = parse('/^(?:(?<a>a)|(?<b>b)|(?<c>c))*/', 20_000);
  assert.deepEqual(whole.kind === 'record' && whole.record, { a: 'a', b: 'b', c: 'c' });
});
